using System.Security.Cryptography;
using System.Text;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions.Internal;

/// <summary>
/// The patient's dispensing code for a prescription without a designated pharmacy: the patient sets it,
/// hands it to the pharmacy of their choice, and only a pharmacy presenting it may dispense. It travels
/// in the proposal's transient data (never in the transaction written to the ledger), and the chain
/// keeps only an HMAC-SHA256 keyed by the prescription id and the setting transaction's id: no
/// precomputed table fits two prescriptions, and a code of at least 16 random characters (80+ bits)
/// cannot be guessed from the hash.
/// </summary>
internal static class DispensingCodes
{
    /// <summary>The transient-data key carrying the code (SetDispensingCode and Dispense).</summary>
    public const string TransientKey = "dispensingCode";

    public const string Description = "16 to 64 characters of A-Z, a-z, 0-9 or '-' (random, from the patient's app)";

    public static string Key(Tx tx, string prescriptionId) => tx.Key(Keys.DispensingCode, prescriptionId);

    /// <summary>The code from the transient data, validated; null when absent.</summary>
    public static string? Read(Tx tx)
    {
        if (!tx.Stub.TransientMap.TryGetValue(TransientKey, out var bytes))
        {
            return null;
        }

        var code = Encoding.UTF8.GetString(bytes);
        return code.Length is >= 16 and <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? code
            : throw Errors.Invalid($"transient {TransientKey}", $"must be {Description}");
    }

    public static StoredCode Hash(string prescriptionId, string salt, string code) =>
        new(salt, Convert.ToHexStringLower(Mac(prescriptionId, salt, code)));

    public static bool Matches(StoredCode stored, string prescriptionId, string code) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(stored.Hash), Mac(prescriptionId, stored.Salt, code));

    private static byte[] Mac(string prescriptionId, string salt, string code) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes($"medchain-dispensing-code\0{prescriptionId}\0{salt}"), Encoding.UTF8.GetBytes(code));

    /// <summary>What the ledger keeps: the salt (a transaction id) and the keyed hash.</summary>
    internal sealed record StoredCode(string Salt, string Hash);
}
