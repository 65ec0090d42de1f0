using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Records;

/// <summary>Where unfinished work is journaled: section "PendingWork".</summary>
public sealed class PendingWorkOptions
{
    public const string SectionName = "PendingWork";

    /// <summary>Directory of the journal. Default: <c>pending-work</c> beside <c>DataProtection:KeysPath</c>, else under the content root's <c>data</c>.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>How long an unknown anchor may still commit before its ciphertext is discarded. Default 10 minutes (longer than any commit wait).</summary>
    public TimeSpan AnchorGracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>What is left to do: an anchor of unknown outcome, or a wrapped key whose deletion failed.</summary>
public enum PendingKind
{
    AnchorUnknown,
    KeyDeletion,
}

/// <summary>One journaled piece of unfinished work.</summary>
public sealed record PendingEntry(PendingKind Kind, string RecordId, string? TransactionId, string? Sha256, string? GranteeMspId, DateTimeOffset CreatedAt);

/// <summary>
/// A small durable journal of unfinished work, one JSON file rewritten atomically (temp file + rename), so an
/// unknown anchor or a failed key deletion survives a restart and is resolved later.
/// </summary>
public sealed class PendingWork(IOptions<PendingWorkOptions> options, TimeProvider time, ILogger<PendingWork> logger) : IDisposable
{
    private const string _fileName = "pending-work.json";
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly SemaphoreSlim _lock = new(1, 1);

    private string FilePath => Path.Combine(options.Value.Directory, _fileName);

    /// <summary>Journals an anchor whose outcome is unknown.</summary>
    public Task AddAnchorUnknownAsync(string recordId, string? transactionId, string sha256, CancellationToken cancellationToken) =>
        UpdateAsync(list => list.Add(new PendingEntry(PendingKind.AnchorUnknown, recordId, transactionId, sha256, null, time.GetUtcNow())), cancellationToken);

    /// <summary>Journals a wrapped key still to delete.</summary>
    public Task AddKeyDeletionAsync(string recordId, string granteeMspId, CancellationToken cancellationToken) =>
        UpdateAsync(list =>
        {
            if (!list.Any(e => e.Kind == PendingKind.KeyDeletion && e.RecordId == recordId && e.GranteeMspId == granteeMspId))
            {
                list.Add(new PendingEntry(PendingKind.KeyDeletion, recordId, null, null, granteeMspId, time.GetUtcNow()));
            }
        }, cancellationToken);

    /// <summary>Drops a finished entry.</summary>
    public Task RemoveAsync(PendingEntry entry, CancellationToken cancellationToken) =>
        UpdateAsync(list => list.Remove(entry), cancellationToken);

    /// <summary>The entries, as persisted.</summary>
    public async Task<IReadOnlyList<PendingEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private async Task UpdateAsync(Action<List<PendingEntry>> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var list = await ReadAsync(cancellationToken).ConfigureAwait(false);
            change(list);
            System.IO.Directory.CreateDirectory(options.Value.Directory);
            var temp = FilePath + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, list, _json, cancellationToken).ConfigureAwait(false);
                // On disk before the rename, so a crash leaves the old journal or the new one, never half of one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<List<PendingEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        try
        {
            await using var stream = File.OpenRead(FilePath);
            return await JsonSerializer.DeserializeAsync<List<PendingEntry>>(stream, _json, cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (JsonException e)
        {
            // Not ours to guess at: kept aside for an operator, and work journaled from now on is not lost with it.
            var aside = $"{FilePath}.corrupt-{time.GetUtcNow():yyyyMMddHHmmss}";
            File.Move(FilePath, aside, overwrite: true);
            GatewayLog.PendingWorkCorrupt(logger, aside, e);
            return [];
        }
    }
}
