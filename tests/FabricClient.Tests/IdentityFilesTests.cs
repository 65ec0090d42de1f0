using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.FabricClient.Tests.Support;
using MedChain.TestSupport;

namespace MedChain.FabricClient.Tests;

public sealed class IdentityFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medchain-msp-").FullName;
    private readonly TestCertificates _ca = TestCertificates.Create();

    private (string MspDir, TestIdentity Identity) WriteMsp(string keyFileName = "priv_sk", bool extraKey = false)
    {
        var identity = TestIdentity.Issue(_ca);
        var msp = Path.Combine(_dir, "msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", "cert.pem"), identity.CertificatePem);
        if (extraKey)
        {
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(Path.Combine(msp, "keystore", "0000_sk"), other.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(Path.Combine(msp, "keystore", keyFileName), identity.PrivateKeyPem);
        return (msp, identity);
    }

    [Fact]
    public async Task ReadMspDirectoryAsync_CryptogenLayout_LoadsMatchingIdentityAndSigner()
    {
        var (msp, expected) = WriteMsp();
        using var _ = expected;

        var (identity, signer) = await IdentityFiles.ReadMspDirectoryAsync("Org1MSP", msp, TestContext.Current.CancellationToken);
        using var __ = signer;

        Assert.Equal("Org1MSP", identity.MspId);
        Assert.Equal(expected.CertificatePem, System.Text.Encoding.UTF8.GetString(identity.Credentials.Span));
        var digest = SHA256.HashData("x"u8);
        var signature = await signer.SignAsync(digest, TestContext.Current.CancellationToken);
        using var certificate = X509Certificate2.CreateFromPem(expected.CertificatePem);
        using var publicKey = certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task ReadMspDirectoryAsync_SeveralKeys_PicksTheOneMatchingTheCertificate()
    {
        var (msp, expected) = WriteMsp("ffff_sk", extraKey: true);
        using var _ = expected;

        var (_, signer) = await IdentityFiles.ReadMspDirectoryAsync("Org1MSP", msp, TestContext.Current.CancellationToken);
        using var __ = signer;

        Assert.Equal(expected.Signer.PublicKey.Q.X, signer.PublicKey.Q.X);
    }

    [Fact]
    public async Task ReadMspDirectoryAsync_MissingKeystore_ThrowsDirectoryNotFound()
    {
        var (msp, identity) = WriteMsp();
        using var _ = identity;
        Directory.Delete(Path.Combine(msp, "keystore"), true);

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => IdentityFiles.ReadMspDirectoryAsync("Org1MSP", msp, TestContext.Current.CancellationToken));
        Assert.Contains("keystore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMspDirectoryAsync_NoCertificate_ThrowsInvalidData()
    {
        var (msp, identity) = WriteMsp();
        using var _ = identity;
        File.Delete(Path.Combine(msp, "signcerts", "cert.pem"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdentityFiles.ReadMspDirectoryAsync("Org1MSP", msp, TestContext.Current.CancellationToken));
        Assert.Contains("signcerts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMspDirectoryAsync_KeyOfAnotherIdentity_ThrowsInvalidData()
    {
        var (msp, identity) = WriteMsp();
        using var _ = identity;
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), other.ExportPkcs8PrivateKeyPem());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdentityFiles.ReadMspDirectoryAsync("Org1MSP", msp, TestContext.Current.CancellationToken));
        Assert.Contains("matches", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPemFilesAsync_MismatchedKey_ThrowsInvalidData()
    {
        using var identity = TestIdentity.Issue(_ca);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cert = Path.Combine(_dir, "cert.pem");
        var key = Path.Combine(_dir, "key.pem");
        File.WriteAllText(cert, identity.CertificatePem);
        File.WriteAllText(key, other.ExportPkcs8PrivateKeyPem());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdentityFiles.ReadPemFilesAsync("Org1MSP", cert, key, TestContext.Current.CancellationToken));
        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPemFilesAsync_MatchingFiles_Loads()
    {
        using var identity = TestIdentity.Issue(_ca);
        var cert = Path.Combine(_dir, "cert.pem");
        var key = Path.Combine(_dir, "key.pem");
        File.WriteAllText(cert, identity.CertificatePem);
        File.WriteAllText(key, identity.PrivateKeyPem);

        var (loaded, signer) = await IdentityFiles.ReadPemFilesAsync("Org1MSP", cert, key, TestContext.Current.CancellationToken);
        using var _ = signer;

        Assert.Equal(identity.Identity.ToSerializedIdentity(), loaded.ToSerializedIdentity());
    }

    [Fact]
    public async Task ReadIdentityAsync_MissingFile_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => IdentityFiles.ReadIdentityAsync("Org1MSP", Path.Combine(_dir, "none.pem"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadSignerAsync_CertificateInsteadOfKey_ThrowsInvalidData()
    {
        using var identity = TestIdentity.Issue(_ca);
        var path = Path.Combine(_dir, "cert.pem");
        File.WriteAllText(path, identity.CertificatePem);

        await Assert.ThrowsAsync<InvalidDataException>(() => IdentityFiles.ReadSignerAsync(path, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_dir, true);
    }
}
