using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MedChain.FabricClient;
using MedChain.TestSupport;

namespace MedChain.FabricCa.Tests;

/// <summary>The token format fabric-ca verifies (util.VerifyToken), checked here without a server.</summary>
public sealed class FabricCaCredentialTests
{
    private static readonly BigInteger _p256Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task CreateToken_SignsMethodUriBodyAndCertificate_DerLowS()
    {
        using var ca = TestCertificates.Create();
        using var registrar = ca.IssueClientCertificate("admin");
        var certificatePem = registrar.ExportCertificatePem();
        using var credential = FabricCaCredential.FromPem(certificatePem, TestCertificates.ToPrivateKeyPem(registrar));
        var body = """{"id":"doctor.dr-house"}"""u8.ToArray();

        for (var i = 0; i < 16; i++)
        {
            var token = await credential.CreateTokenAsync("POST", "/api/v1/register", body, TestContext.Current.CancellationToken);

            var parts = token.Split('.');
            Assert.Equal(2, parts.Length);
            Assert.Equal(certificatePem, Encoding.UTF8.GetString(Convert.FromBase64String(parts[0])));
            var signature = Convert.FromBase64String(parts[1]);
            var payload = $"POST.{B64("/api/v1/register"u8)}.{B64(body)}.{parts[0]}";
            using var publicKey = registrar.GetECDsaPublicKey()!;
            Assert.True(publicKey.VerifyData(Encoding.UTF8.GetBytes(payload), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            Assert.False(publicKey.VerifyData(Encoding.UTF8.GetBytes(payload.Replace("POST", "PUT", StringComparison.Ordinal)), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            Assert.True(S(signature) <= _p256Order / 2, "Fabric CA's BCCSP refuses high-S signatures.");
        }
    }

    private static string B64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    private static BigInteger S(byte[] der)
    {
        var sequence = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        _ = sequence.ReadInteger();
        return sequence.ReadInteger();
    }
}
