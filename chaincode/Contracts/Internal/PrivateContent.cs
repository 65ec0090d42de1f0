using MedChain.Shim;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Clinical content in the private data collection the hospitals' and pharmacies' peers hold
/// (<c>hospitalPharmacy</c>, deployed with the chaincode definition): the blocks carry only the
/// SHA-256 of key and value. Fabric's hash is unsalted, so each value carries the client's random
/// salt (transient <c>salt</c>) and a guessable value (a medication name) cannot be confirmed from the block.
/// </summary>
internal static class PrivateContent
{
    /// <summary>The collection (network/config/collections/medchain.json).</summary>
    public const string Collection = "hospitalPharmacy";

    /// <summary>The transient key of the salt: 16 to 64 random bytes.</summary>
    public const string SaltKey = "salt";

    public const int MinSaltBytes = 16;
    public const int MaxSaltBytes = 64;

    /// <summary>The salt from the transient map as base64, or null when the client sent none.</summary>
    public static string? Salt(Tx tx)
    {
        if (!tx.Stub.TransientMap.TryGetValue(SaltKey, out var salt))
        {
            return null;
        }

        return salt.Length is < MinSaltBytes or > MaxSaltBytes
            ? throw Errors.Invalid($"transient {SaltKey}", $"must be {MinSaltBytes} to {MaxSaltBytes} random bytes")
            : Convert.ToBase64String(salt);
    }

    public static Task PutAsync(Tx tx, string key, object value) =>
        tx.Stub.PutPrivateDataAsync(Collection, key, StateJson.Serialize(value), tx.CancellationToken);

    /// <summary>
    /// The content under <paramref name="key"/>, which must exist since its public entry does. A peer
    /// outside the collection holds only the hash (and refuses non-members' clients): the answer is a
    /// clear error, never the public part alone, because the Gateway may send an evaluation to any peer.
    /// </summary>
    public static async Task<T> GetAsync<T>(Tx tx, string key, string what)
        where T : class
    {
        byte[]? bytes;
        try
        {
            bytes = await tx.Stub.GetPrivateDataAsync(Collection, key, tx.CancellationToken).ConfigureAwait(false);
        }
        catch (PeerCallException e)
        {
            throw Errors.Unavailable($"the content of {what} cannot be read through this peer or by this caller's organization (collection {Collection}): {e.Message}");
        }

        return bytes is { Length: > 0 }
            ? StateJson.Deserialize<T>(bytes)
            : throw Errors.Unavailable($"the content of {what} is not held by this peer (collection {Collection}); ask a peer of a member organization");
    }
}
