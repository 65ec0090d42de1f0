using Azure.Storage.Blobs.Models;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// Whether deleted key blobs could come back: blob soft delete (a service property) and versioning (not a data-plane
/// property, so detected by a probe write returning a version id). Pure, so the decision is unit-testable where
/// Azurite cannot emulate a setting.
/// </summary>
internal static class RecoverableDeletes
{
    public enum Decision
    {
        Run,
        RunWithWarning,
        Refuse,
    }

    /// <summary>The settings that make deletes recoverable, in words; empty when deletes are final.</summary>
    /// <param name="softDelete">The service's delete retention policy, or <see langword="null"/> when it could not be read.</param>
    /// <param name="versionIdOnWrite">Whether a probe write came back with a version id.</param>
    public static IReadOnlyList<string> Reasons(BlobRetentionPolicy? softDelete, bool versionIdOnWrite)
    {
        var reasons = new List<string>();
        if (softDelete is null)
        {
            // Refusing is the safe answer when the setting cannot be seen, e.g. a principal without blobServices/read.
            reasons.Add("the blob service properties could not be read, so blob soft delete cannot be ruled out");
        }
        else if (softDelete.Enabled)
        {
            reasons.Add($"blob soft delete is enabled (deleted blobs are kept {softDelete.Days?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "some"} day(s))");
        }

        if (versionIdOnWrite)
        {
            reasons.Add("blob versioning is enabled (a deleted blob's previous versions are kept)");
        }

        return reasons;
    }

    public static Decision Decide(IReadOnlyList<string> reasons, bool allowRecoverableDeletes) =>
        reasons.Count == 0 ? Decision.Run
        : allowRecoverableDeletes ? Decision.RunWithWarning
        : Decision.Refuse;
}
