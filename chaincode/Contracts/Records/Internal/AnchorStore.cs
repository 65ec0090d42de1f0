using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Records.Internal;

/// <summary>Keys and reads of the anchor version chain.</summary>
internal static class AnchorStore
{
    public static string HeadKey(Tx tx, string recordId) => tx.Key(Keys.AnchorHead, recordId);

    public static string VersionKey(Tx tx, string recordId, int version) => tx.Key(Keys.Anchor, recordId, Keys.Version(version));

    public static Task<AnchorHead?> FindHeadAsync(Tx tx, string recordId) => tx.GetAsync<AnchorHead>(HeadKey(tx, recordId));

    public static async Task<AnchorHead> GetHeadAsync(Tx tx, string recordId) =>
        await FindHeadAsync(tx, recordId).ConfigureAwait(false) ?? throw Errors.NotFound($"record '{recordId}' is not anchored");

    /// <summary>The given version (0: the current one) of an anchored record.</summary>
    public static async Task<RecordAnchor> GetVersionAsync(Tx tx, AnchorHead head, int version)
    {
        var v = version == 0 ? head.Version : version;
        if (v > head.Version)
        {
            throw Errors.NotFound($"version {v} of record '{head.RecordId}' (latest is {head.Version})");
        }

        return await tx.GetAsync<RecordAnchor>(VersionKey(tx, head.RecordId, v)).ConfigureAwait(false)
            ?? throw Errors.NotFound($"version {v} of record '{head.RecordId}'");
    }
}
