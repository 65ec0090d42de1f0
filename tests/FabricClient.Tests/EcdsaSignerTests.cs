using System.Numerics;
using System.Security.Cryptography;
using MedChain.FabricClient.Internal;
using MedChain.FabricClient.Tests.Support;

namespace MedChain.FabricClient.Tests;

public sealed class EcdsaSignerTests
{
    public static TheoryData<string> Curves => ["P-256", "P-384"];

    private static ECCurve Curve(string name) => name == "P-384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;

    [Theory]
    [MemberData(nameof(Curves))]
    public async Task SignAsync_ManyDigests_AlwaysLowSDerThatVerifies(string curve)
    {
        using var key = ECDsa.Create(Curve(curve));
        using var signer = new EcdsaSigner(ECDsa.Create(key.ExportParameters(true)));
        var order = EcdsaSignatures.CurveOrder(key);

        // About half of raw ECDSA signatures have a high S; 64 digests leave ~2^-64 chance of never normalising.
        for (var i = 0; i < 64; i++)
        {
            var digest = SHA256.HashData(BitConverter.GetBytes(i));
            var signature = await signer.SignAsync(digest, TestContext.Current.CancellationToken);

            Assert.True(EcdsaSignatures.IsLowS(signature, order));
            Assert.True(key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void ToLowSDer_HighS_NormalisedAndStillVerifies(string curve)
    {
        using var key = ECDsa.Create(Curve(curve));
        var order = EcdsaSignatures.CurveOrder(key);
        var digest = SHA256.HashData("medchain"u8);
        var (r, s) = EcdsaSignatures.ParseDer(key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence));
        var highS = s > order / 2 ? s : order - s;
        var highSignature = EcdsaSignatures.EncodeDer(r, highS);
        Assert.False(EcdsaSignatures.IsLowS(highSignature, order));
        Assert.True(key.VerifyHash(digest, highSignature, DSASignatureFormat.Rfc3279DerSequence));

        var normalised = EcdsaSignatures.ToLowSDer(highSignature, order);

        var (r2, s2) = EcdsaSignatures.ParseDer(normalised);
        Assert.Equal(r, r2);
        Assert.Equal(order - highS, s2);
        Assert.True(EcdsaSignatures.IsLowS(normalised, order));
        Assert.True(key.VerifyHash(digest, normalised, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void ToLowSDer_LowS_Unchanged()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var order = EcdsaSignatures.CurveOrder(key);
        var (r, s) = EcdsaSignatures.ParseDer(key.SignHash(new byte[32], DSASignatureFormat.Rfc3279DerSequence));
        var low = EcdsaSignatures.EncodeDer(r, s > order / 2 ? order - s : s);

        Assert.Equal(low, EcdsaSignatures.ToLowSDer(low, order));
    }

    [Fact]
    public void ParseDer_NotDer_Throws()
    {
        Assert.Throws<CryptographicException>(() => EcdsaSignatures.ParseDer(new byte[64]));
    }

    [Fact]
    public void EncodeDer_LeadingZeroNeeded_EncodesPositiveIntegers()
    {
        var value = BigInteger.Parse("0FF", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        var der = EcdsaSignatures.EncodeDer(value, value);

        Assert.Equal(new byte[] { 0x30, 0x08, 0x02, 0x02, 0x00, 0xFF, 0x02, 0x02, 0x00, 0xFF }, der);
    }

    [Fact]
    public void Constructor_UnsupportedCurve_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        Assert.Throws<NotSupportedException>(() => new EcdsaSigner(key));
    }

    [Fact]
    public void FromPem_NotAKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => EcdsaSigner.FromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    [Fact]
    public void Identity_ToSerializedIdentity_ParsesBackToMspIdAndCertificate()
    {
        using var identity = TestIdentity.SelfSigned(ECCurve.NamedCurves.nistP256, "HospitalMSP");

        var serialized = MspPb.SerializedIdentity.Parser.ParseFrom(identity.Identity.ToSerializedIdentity());

        Assert.Equal("HospitalMSP", serialized.Mspid);
        Assert.Equal(identity.CertificatePem, serialized.IdBytes.ToStringUtf8());
    }
}
