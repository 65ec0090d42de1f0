using MedChain.FabricGateway.Configuration;
using MedChain.OffchainStore.Keys;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>This organization's encryption key pair and the public keys of the others, loaded once at start-up.</summary>
public sealed class OrganizationKeys : IDisposable
{
    private readonly Dictionary<string, OrgPublicKey> _others;

    public OrganizationKeys(IOptions<EncryptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Own = OrgKeyPair.FromPem(File.ReadAllText(value.PrivateKeyPath));
        _others = new Dictionary<string, OrgPublicKey>(StringComparer.Ordinal);
        if (value.OrganizationKeysPath is { } folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.pem").Order(StringComparer.Ordinal))
            {
                _others[Path.GetFileNameWithoutExtension(file)] = OrgPublicKey.FromPem(File.ReadAllText(file));
            }
        }
    }

    /// <summary>This organization's key pair.</summary>
    public OrgKeyPair Own { get; }

    /// <summary>The public encryption key of organization <paramref name="mspId"/>, or null.</summary>
    public OrgPublicKey? Find(string mspId) => _others.GetValueOrDefault(mspId);

    public void Dispose() => Own.Dispose();
}
