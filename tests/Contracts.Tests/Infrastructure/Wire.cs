using System.Text;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>
/// How a proposal carries content (issue #11): tests write <c>Consent:Grant</c> / <c>Prescription:Issue</c>
/// with the request, and <c>Consent:CheckAccess</c> with the purpose, as their last argument, as one reads
/// them; <see cref="Split"/> moves those into the transient map (<c>request</c>, <c>purpose</c>, with a
/// salt) exactly as the service sends them, so the arguments that reach the block hold no content.
/// <c>RecordAnchor:Anchor</c> goes with transient <c>recordType</c> (the test world's records are
/// <see cref="RecordType"/>), as a custodian's service sends it. Every other call goes out as written.
/// Also compiled into the embedded ledger's tests, so both speak the one convention.
/// </summary>
internal static class Wire
{
    /// <summary>The record type of every record the tests anchor.</summary>
    public const string RecordType = "lab-result";

    /// <summary>The salt the tests send (the service sends 32 random bytes; fixed here so runs compare).</summary>
    public static readonly byte[] Salt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static (string[] Args, Dictionary<string, byte[]>? Transient) Split(string[] args)
    {
        var (key, withSalt) = args switch
        {
            ["Consent:Grant", _] or ["Prescription:Issue", _] => ("request", true),
            ["Consent:CheckAccess", _, _] => ("purpose", false),
            _ => (null, false),
        };
        if (args is ["RecordAnchor:Anchor", _])
        {
            return (args, new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["recordType"] = Encoding.UTF8.GetBytes(RecordType), ["salt"] = Salt });
        }

        if (key is null)
        {
            return (args, null);
        }

        var transient = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [key] = Encoding.UTF8.GetBytes(args[^1]) };
        if (withSalt)
        {
            transient["salt"] = Salt;
        }

        return (args[..^1], transient);
    }

    /// <summary><paramref name="extra"/> (e.g. the dispensing code) plus <paramref name="content"/>.</summary>
    public static IReadOnlyDictionary<string, byte[]>? Merge(IReadOnlyDictionary<string, byte[]>? extra, Dictionary<string, byte[]>? content)
    {
        if (content is null)
        {
            return extra;
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, byte[]>())
        {
            content.TryAdd(k, v);
        }

        return content;
    }

    /// <summary>The SHA-256 (lowercase hex) of a break-glass reason document with this text, as the service computes it.</summary>
    public static string ReasonDocument(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
