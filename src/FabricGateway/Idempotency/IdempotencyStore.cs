using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Idempotency;

/// <summary>
/// Idempotency entries as blobs: created with <c>If-None-Match: *</c>, so of two instances receiving the same key
/// only one proceeds; completed and released with <c>If-Match</c> on the ETag it created.
/// </summary>
internal sealed class IdempotencyStore(BlobServiceClient blobs, IOptions<IdempotencyOptions> options)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.Container);
    private Task? _created;

    /// <summary>Creates the entry if the key is new: its ETag; null if an entry exists.</summary>
    public async Task<ETag?> TryBeginAsync(string name, IdempotencyEntry entry, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await _container.GetBlobClient(name).UploadAsync(
                BinaryData.FromObjectAsJson(entry, _json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
            return created.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The entry and its ETag; null if it is gone.</summary>
    public async Task<(IdempotencyEntry Entry, ETag ETag)?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var entry = content.Value.Content.ToObjectFromJson<IdempotencyEntry>(_json) ?? throw new InvalidDataException($"Empty idempotency entry {name}.");
            return (entry, content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Replaces the entry we hold (If-Match); the new ETag, or null when another took it over.</summary>
    public async Task<ETag?> TryReplaceAsync(string name, IdempotencyEntry entry, ETag held, CancellationToken cancellationToken)
    {
        try
        {
            var written = await _container.GetBlobClient(name).UploadAsync(
                BinaryData.FromObjectAsJson(entry, _json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = held } },
                cancellationToken).ConfigureAwait(false);
            return written.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Removes the entry we hold, so a retry runs the request again.</summary>
    public async Task ReleaseAsync(string name, ETag held, CancellationToken cancellationToken)
    {
        try
        {
            await _container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = held }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Taken over by a retry after the in-flight timeout: the entry is theirs now.
        }
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        // Once per instance; a failure is retried on the next request.
        var created = _created;
        if (created is { IsCompletedSuccessfully: true })
        {
            return created;
        }

        created = _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _created = created;
        return created;
    }
}

/// <summary>
/// One key's entry: what request it was for (a fingerprint of caller, method, path, query and body), whether it
/// completed, and if so the answer to replay. Never record content.
/// </summary>
internal sealed record IdempotencyEntry
{
    public required string Fingerprint { get; init; }

    public required bool Completed { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public int Status { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    /// <summary>The JSON body answered; null when none was kept (not JSON, or too large).</summary>
    public string? Body { get; init; }

    public bool BodyKept { get; init; }
}
