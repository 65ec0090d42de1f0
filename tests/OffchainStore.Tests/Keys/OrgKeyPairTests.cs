using System.Security.Cryptography;
using MedChain.OffchainStore.Keys;

namespace MedChain.OffchainStore.Tests.Keys;

public sealed class OrgKeyPairTests
{
    [Fact]
    public void ExportPkcs8Pem_ImportedAgain_SameKeyId()
    {
        using var original = OrgKeyPair.Generate();

        using var imported = OrgKeyPair.FromPem(original.ExportPkcs8Pem());
        using var fromDer = OrgKeyPair.FromPkcs8(original.ExportPkcs8());

        Assert.Equal(original.KeyId, imported.KeyId);
        Assert.Equal(original.KeyId, fromDer.KeyId);
    }

    [Fact]
    public void KeyId_IsHexOfFirst16BytesOfSpkiSha256()
    {
        using var key = OrgKeyPair.Generate();
        var spki = key.PublicKey.ExportSubjectPublicKeyInfo();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(spki)[..16]), key.KeyId);
        Assert.Equal(32, key.KeyId.Length);
    }

    [Fact]
    public void PublicKeyPem_ImportedAgain_SameKeyId()
    {
        using var key = OrgKeyPair.Generate();

        var imported = OrgPublicKey.FromPem(key.PublicKey.ExportPem());

        Assert.Equal(key.KeyId, imported.KeyId);
        Assert.Equal(key.KeyId, OrgPublicKey.FromSubjectPublicKeyInfo(key.PublicKey.ExportSubjectPublicKeyInfo()).KeyId);
    }

    [Fact]
    public void FromPem_P384Key_ThrowsArgumentException()
    {
        using var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => OrgKeyPair.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => OrgPublicKey.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void FromPem_Garbage_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => OrgKeyPair.FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    }

    [Fact]
    public void KeyRing_Find_ReturnsOnlyAddedKeys()
    {
        using var a = OrgKeyPair.Generate();
        using var b = OrgKeyPair.Generate();

        var ring = new KeyRing(a);

        Assert.Same(a, ring.Find(a.KeyId));
        Assert.Null(ring.Find(b.KeyId));
        Assert.Equal([a.KeyId], ring.KeyIds);
    }
}
