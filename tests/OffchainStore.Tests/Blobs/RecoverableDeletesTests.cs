using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore.Internal;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;
using Microsoft.Extensions.Logging;

namespace MedChain.OffchainStore.Tests.Blobs;

/// <summary>
/// The start-up check that deletes are final. Soft delete is tested for real on an Azurite of its own (Azurite
/// keeps the delete retention policy set through Set Blob Service Properties); versioning, which Azurite does not
/// emulate, and unreadable properties through the decision logic.
/// </summary>
public sealed class RecoverableDeletesTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnsureReadyAsync_SoftDeleteEnabledOnAccount_RefusesAndNothingIsWritten()
    {
        await using var azurite = await AzuriteProcess.StartAsync(_ct);
        var blobs = Blob.Client(azurite.BlobEndpoint);
        await EnableSoftDeleteAsync(blobs, days: 7);
        using var custodian = OrgKeyPair.Generate();
        var options = new OffchainStoreOptions();
        var logger = new LogCollector<OffchainRecordStore>();
        var store = new OffchainRecordStore(blobs, options, logger);

        var e = await Assert.ThrowsAsync<RecoverableDeletesException>(() => store.EnsureReadyAsync(_ct));

        Assert.Equal(["blob soft delete is enabled (deleted blobs are kept 7 day(s))"], e.Reasons);
        Assert.Contains("AllowRecoverableDeletes", e.Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, l => l.Level == LogLevel.Critical && l.Id.Id == 8);
        // A store that was never made ready checks on its first write, and refuses it too.
        await Assert.ThrowsAsync<RecoverableDeletesException>(() => store.PutAsync("r", new MemoryStream([1]), [custodian.PublicKey], _ct));
        Assert.Empty(await Blob.ListAsync(blobs, options.RecordsContainer, null, _ct));
        Assert.Empty(await Blob.ListAsync(blobs, options.KeysContainer, null, _ct));
    }

    [Fact]
    public async Task EnsureReadyAsync_SoftDeleteAcceptedByOption_RunsWithLoudWarning()
    {
        await using var azurite = await AzuriteProcess.StartAsync(_ct);
        var blobs = Blob.Client(azurite.BlobEndpoint);
        await EnableSoftDeleteAsync(blobs, days: 3);
        using var custodian = OrgKeyPair.Generate();
        var logger = new LogCollector<OffchainRecordStore>();
        var store = new OffchainRecordStore(blobs, new OffchainStoreOptions { AllowRecoverableDeletes = true }, logger);

        await store.EnsureReadyAsync(_ct);
        await store.PutAsync("r", new MemoryStream([1]), [custodian.PublicKey], _ct);

        var warning = Assert.Single(logger.Entries, l => l.Level == LogLevel.Warning);
        Assert.Equal(9, warning.Id.Id);
        Assert.Contains("NOT final", warning.Message, StringComparison.Ordinal);
        Assert.Contains("soft delete is enabled (deleted blobs are kept 3 day(s))", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureReadyAsync_PlainAzurite_CreatesContainersAndLeavesNoProbeBehind()
    {
        await using var azurite = await AzuriteProcess.StartAsync(_ct);
        var blobs = Blob.Client(azurite.BlobEndpoint);
        var options = new OffchainStoreOptions();
        var logger = new LogCollector<OffchainRecordStore>();
        var store = new OffchainRecordStore(blobs, options, logger);

        await store.EnsureReadyAsync(_ct);
        await store.EnsureReadyAsync(_ct);

        Assert.True((await blobs.GetBlobContainerClient(options.RecordsContainer).ExistsAsync(_ct)).Value);
        Assert.Empty(await Blob.ListAsync(blobs, options.KeysContainer, null, _ct));
        Assert.DoesNotContain(logger.Entries, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Reasons_NothingRecoverable_IsEmptyAndRuns()
    {
        var reasons = RecoverableDeletes.Reasons(new BlobRetentionPolicy { Enabled = false }, versionIdOnWrite: false);

        Assert.Empty(reasons);
        Assert.Equal(RecoverableDeletes.Decision.Run, RecoverableDeletes.Decide(reasons, allowRecoverableDeletes: false));
    }

    [Fact]
    public void Reasons_VersioningDetected_Refused()
    {
        var reasons = RecoverableDeletes.Reasons(new BlobRetentionPolicy { Enabled = false }, versionIdOnWrite: true);

        Assert.Equal(["blob versioning is enabled (a deleted blob's previous versions are kept)"], reasons);
        Assert.Equal(RecoverableDeletes.Decision.Refuse, RecoverableDeletes.Decide(reasons, allowRecoverableDeletes: false));
        Assert.Equal(RecoverableDeletes.Decision.RunWithWarning, RecoverableDeletes.Decide(reasons, allowRecoverableDeletes: true));
    }

    [Fact]
    public void Reasons_PropertiesUnreadable_RefusedAsIfSoftDeleteCouldBeOn()
    {
        var reasons = RecoverableDeletes.Reasons(softDelete: null, versionIdOnWrite: false);

        Assert.Contains("cannot be ruled out", Assert.Single(reasons), StringComparison.Ordinal);
        Assert.Equal(RecoverableDeletes.Decision.Refuse, RecoverableDeletes.Decide(reasons, allowRecoverableDeletes: false));
    }

    [Fact]
    public void Reasons_SoftDeleteAndVersioning_BothNamed()
    {
        var reasons = RecoverableDeletes.Reasons(new BlobRetentionPolicy { Enabled = true, Days = 14 }, versionIdOnWrite: true);

        Assert.Equal(2, reasons.Count);
        Assert.Contains("14 day(s)", reasons[0], StringComparison.Ordinal);
        Assert.Contains("versioning", reasons[1], StringComparison.Ordinal);
    }

    private async Task EnableSoftDeleteAsync(Azure.Storage.Blobs.BlobServiceClient blobs, int days)
    {
        var properties = (await blobs.GetPropertiesAsync(_ct)).Value;
        properties.DeleteRetentionPolicy = new BlobRetentionPolicy { Enabled = true, Days = days };
        await blobs.SetPropertiesAsync(properties, _ct);
        // Guard the premise: the emulator must report what was set, or the refusal tests would prove nothing.
        Assert.True((await blobs.GetPropertiesAsync(_ct)).Value.DeleteRetentionPolicy.Enabled);
    }
}
