using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>What the embedded ledger server runs (section <c>EmbeddedLedger</c>), validated at start-up.</summary>
public sealed class EmbeddedLedgerServerOptions
{
    public const string SectionName = "EmbeddedLedger";

    /// <summary>The directory of the block log (created if missing; kept across restarts; private data in clear). Required.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The port on 127.0.0.1 (HTTP/2 cleartext, prior knowledge); 0 picks a free one. Default 27051.</summary>
    public int Port { get; set; } = 27051;

    /// <summary>The channel. Default <c>medchain</c>.</summary>
    public string Channel { get; set; } = "medchain";

    /// <summary>The chaincode name. Default <c>medchain</c>.</summary>
    public string Chaincode { get; set; } = "medchain";

    /// <summary>
    /// Each organization of the channel: its MSP id and the PEM file of the CA its members' certificates chain to
    /// (<c>EmbeddedLedger:Organizations:Org1MSP=/path/ca-cert.pem</c>). Proposals of anyone else are refused.
    /// </summary>
    public Dictionary<string, string> Organizations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The node's own organization (one of <see cref="Organizations"/>): it endorses as that organization's peer. Required.</summary>
    public string MspId { get; set; } = string.Empty;

    /// <summary>
    /// The PEM private key of <see cref="MspId"/>'s CA: the node issues itself a peer identity (its endorsement
    /// signatures) and an admin identity (the registry bootstrap) at start-up. Required.
    /// </summary>
    public string CaPrivateKeyPath { get; set; } = string.Empty;

    /// <summary>
    /// The organization registry the chaincode's init invocation bootstraps on a new ledger (<c>Admin:InitRegistry</c>,
    /// e.g. <c>{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},…]}</c>); a ledger that has one is left
    /// alone. Empty: no bootstrap.
    /// </summary>
    public string? Registry { get; set; }

    /// <summary>How long an endorsed transaction waits for its submission before it is forgotten. Default 10 minutes.</summary>
    public TimeSpan EndorsementLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many endorsed transactions wait for submission; beyond, the oldest is forgotten. Default 10000.</summary>
    public int MaxPendingEndorsements { get; set; } = 10_000;
}

/// <summary>Checks <see cref="EmbeddedLedgerServerOptions"/> at start-up, naming each setting that is wrong.</summary>
internal sealed class EmbeddedLedgerServerOptionsValidator : IValidateOptions<EmbeddedLedgerServerOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedLedgerServerOptions options)
    {
        var errors = new List<string>();
        const string section = EmbeddedLedgerServerOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add($"{section}:DataDirectory is required (the block log's directory).");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"{section}:Port must be between 0 and 65535, not {options.Port}.");
        }

        if (string.IsNullOrWhiteSpace(options.Channel) || string.IsNullOrWhiteSpace(options.Chaincode))
        {
            errors.Add($"{section}:Channel and {section}:Chaincode must not be empty.");
        }

        if (options.Organizations.Count == 0)
        {
            errors.Add($"{section}:Organizations must name at least one organization (MSP id = CA certificate file).");
        }

        foreach (var (mspId, path) in options.Organizations)
        {
            if (!IsCertificateFile(path))
            {
                errors.Add($"{section}:Organizations:{mspId} must be a readable PEM certificate file, not '{path}'.");
            }
        }

        if (!options.Organizations.TryGetValue(options.MspId ?? string.Empty, out var caPath))
        {
            errors.Add($"{section}:MspId must be one of {section}:Organizations ({string.Join(", ", options.Organizations.Keys)}), not '{options.MspId}'.");
        }
        else if (KeyError(options.CaPrivateKeyPath, caPath) is { } keyError)
        {
            errors.Add($"{section}:CaPrivateKeyPath {keyError}");
        }

        if (!string.IsNullOrWhiteSpace(options.Registry) && !IsRegistry(options.Registry))
        {
            errors.Add($"{section}:Registry must be a JSON object with an \"organizations\" array, as Admin:InitRegistry takes.");
        }

        if (options.EndorsementLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{section}:EndorsementLifetime must be positive.");
        }

        if (options.MaxPendingEndorsements <= 0)
        {
            errors.Add($"{section}:MaxPendingEndorsements must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsCertificateFile(string? path)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path!));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    // The key must be the CA's: certificates it issues must chain to the CA the node trusts.
    private static string? KeyError(string? keyPath, string caPath)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(keyPath!));
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(caPath));
            using var caKey = certificate.GetECDsaPublicKey();
            return caKey is not null && caKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo())
                ? null
                : $"'{keyPath}' is not the private key of the CA in '{caPath}'.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return $"must be a readable PEM EC private key file (the CA's of MspId), not '{keyPath}': {e.Message}";
        }
    }

    private static bool IsRegistry(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("organizations", out var organizations)
                && organizations.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
