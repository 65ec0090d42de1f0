using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Grpc.Core;
using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;
using MedChain.FabricGateway.Ledger;
using MedChain.FabricGateway.Records;
using MedChain.OffchainStore;
using MedChain.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// Unfinished work survives in the journal and is finished later: an anchor of unknown outcome is kept once it
/// shows on chain, discarded (id free again) once the grace period passed without it; a failed key deletion is retried.
/// </summary>
public sealed class PendingWorkTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>, IDisposable
{
    private static readonly CancellationToken _ct = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-pending-").FullName;
    private readonly ManualTime _time = new();

    [Fact]
    public async Task Journal_SurvivesANewInstance_AndDropsEntries()
    {
        using (var journal = Journal())
        {
            await journal.AddAnchorUnknownAsync("rec-a", "tx-1", "ab", _ct);
            await journal.AddKeyDeletionAsync("rec-b", GatewayServiceFixture.HospitalB, _ct);
            await journal.AddKeyDeletionAsync("rec-b", GatewayServiceFixture.HospitalB, _ct);
        }

        using var reopened = Journal();
        var entries = await reopened.ListAsync(_ct);
        Assert.Equal(2, entries.Count);
        Assert.Equal(new PendingEntry(PendingKind.AnchorUnknown, "rec-a", "tx-1", "ab", null, _time.Now), entries[0]);
        Assert.Equal(new PendingEntry(PendingKind.KeyDeletion, "rec-b", null, null, GatewayServiceFixture.HospitalB, _time.Now), entries[1]);

        await reopened.RemoveAsync(entries[0], _ct);
        using var again = Journal();
        Assert.Equal([entries[1]], await again.ListAsync(_ct));
    }

    [Fact]
    public async Task Journal_TornFile_IsSetAsideAndNewWorkIsStillJournaled()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "pending-work.json"), """[{"kind":"AnchorUnknown","recordId":"rec-""", _ct);
        using var journal = Journal();

        Assert.Empty(await journal.ListAsync(_ct));
        Assert.Single(Directory.GetFiles(_directory, "pending-work.json.corrupt-*"));
        await journal.AddKeyDeletionAsync("rec-c", GatewayServiceFixture.HospitalB, _ct);
        using var reopened = Journal();
        Assert.Single(await reopened.ListAsync(_ct));
    }

    [Fact]
    public async Task UnknownOutcome_IsJournaled_ThenNeverAnchoredPastGrace_DiscardsTheCiphertextAndFreesTheId()
    {
        using var journal = Journal();
        var records = ActivatorUtilities.CreateInstance<RecordService>(fixture.Factory.Services, journal, new CommitTimesOut());
        using var content = new MemoryStream(RandomNumberGenerator.GetBytes(500));

        var thrown = await Assert.ThrowsAsync<CommitStatusException>(() =>
            records.StoreAsync(new Person("dr-house", "doctor"), new NewRecord("rec-pending-lost", "pat-f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9", "lab-result"), content, _ct));

        var entry = Assert.Single(await journal.ListAsync(_ct));
        Assert.Equal((PendingKind.AnchorUnknown, "rec-pending-lost", "tx-unknown"), (entry.Kind, entry.RecordId, entry.TransactionId));
        Assert.Equal("tx-unknown", thrown.TransactionId);
        var reconciler = Reconciler(journal);

        // Within the grace period the commit may still land: nothing is destroyed.
        Assert.Equal(0, await reconciler.RunAsync(_ct));
        Assert.Single(await journal.ListAsync(_ct));
        await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => Store().PutAsync("rec-pending-lost", new MemoryStream([1]), [fixture.HospitalKey.PublicKey], _ct));

        _time.Now += TimeSpan.FromMinutes(11);
        Assert.Equal(1, await reconciler.RunAsync(_ct));

        Assert.Empty(await journal.ListAsync(_ct));
        await Store().PutAsync("rec-pending-lost", new MemoryStream([1]), [fixture.HospitalKey.PublicKey], _ct);
    }

    [Fact]
    public async Task UnknownOutcome_LaterAnchored_KeepsTheRecordAndDropsTheEntry()
    {
        const string patientId = "pat-f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8";
        await fixture.EnrollPatientAsync(patientId);
        var content = RandomNumberGenerator.GetBytes(300);
        using var doctor = fixture.CreateClient();
        await StoreAsync(doctor, "rec-pending-anchored", patientId, content);
        var anchor = await fixture.Factory.Services.GetRequiredService<RecordService>().GetAnchorAsync(new Person("dr-house", "doctor"), "rec-pending-anchored", _ct);
        using var journal = Journal();
        await journal.AddAnchorUnknownAsync("rec-pending-anchored", anchor.TxId, anchor.Sha256, _ct);
        _time.Now += TimeSpan.FromHours(1);

        Assert.Equal(1, await Reconciler(journal).RunAsync(_ct));

        Assert.Empty(await journal.ListAsync(_ct));
        await using var read = await Store().OpenReadAsync("rec-pending-anchored", fixture.HospitalKey, anchor.Sha256, _ct);
        using var plain = new MemoryStream();
        await read.CopyToAsync(plain, _ct);
        Assert.Equal(content, plain.ToArray());
    }

    [Fact]
    public async Task KeyDeletion_FailedOnce_IsRetriedUntilTheKeyIsGone()
    {
        const string patientId = "pat-f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7";
        await fixture.EnrollPatientAsync(patientId);
        using var doctor = fixture.CreateClient();
        await StoreAsync(doctor, "rec-pending-key", patientId, RandomNumberGenerator.GetBytes(100));
        Assert.True(await Store().GrantAsync("rec-pending-key", fixture.HospitalKey, fixture.HospitalBKey.PublicKey, _ct));
        using var journal = Journal();
        await journal.AddKeyDeletionAsync("rec-pending-key", GatewayServiceFixture.HospitalB, _ct);

        // Storage refuses the first retry: the entry stays for the next run.
        var failing = new FailingRevokeStore(fixture);
        Assert.Equal(0, await Reconciler(journal, failing).RunAsync(_ct));
        Assert.Single(await journal.ListAsync(_ct));
        Assert.True(await Store().HasKeyAsync("rec-pending-key", fixture.HospitalBKey.KeyId, _ct));

        Assert.Equal(1, await Reconciler(journal).RunAsync(_ct));

        Assert.Empty(await journal.ListAsync(_ct));
        Assert.False(await Store().HasKeyAsync("rec-pending-key", fixture.HospitalBKey.KeyId, _ct));
        Assert.True(await Store().HasKeyAsync("rec-pending-key", fixture.HospitalKey.KeyId, _ct));
    }

    [Fact]
    public async Task Sweep_KeyDeletionFailsAfterTheRevocationCommitted_JournalsTheKey()
    {
        using var journal = Journal();
        using var grants = ActivatorUtilities.CreateInstance<KeyGrantService>(
            fixture.Factory.Services, journal, (OffchainRecordStore)new FailingRevokeStore(fixture), new OneLapsedGrant());

        Assert.Equal(0, await grants.SweepAsync(_ct));

        var entry = Assert.Single(await journal.ListAsync(_ct));
        Assert.Equal((PendingKind.KeyDeletion, "rec-pending-swept", GatewayServiceFixture.HospitalB), (entry.Kind, entry.RecordId, entry.GranteeMspId));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private PendingWork Journal() =>
        new(Options.Create(new PendingWorkOptions { Directory = _directory }), _time, NullLogger<PendingWork>.Instance);

    private PendingWorkReconciler Reconciler(PendingWork journal, OffchainRecordStore? store = null) =>
        store is null
            ? ActivatorUtilities.CreateInstance<PendingWorkReconciler>(fixture.Factory.Services, journal, (TimeProvider)_time)
            : ActivatorUtilities.CreateInstance<PendingWorkReconciler>(fixture.Factory.Services, journal, (TimeProvider)_time, store);

    private OffchainRecordStore Store() =>
        new(new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey)));

    private static async Task StoreAsync(HttpClient client, string recordId, string patientId, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PutAsync(new Uri($"/api/records/{recordId}?patientId={patientId}&recordType=lab-result", UriKind.Relative), body, _ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The anchor's commit status never arrives.</summary>
    private sealed class CommitTimesOut : IRecordLedger
    {
        public Task<LedgerWrite<AnchorView>> AnchorAsync(FabricSigningIdentity caller, AnchorRecord request, CancellationToken cancellationToken) =>
            throw new CommitStatusException("tx-unknown", new RpcException(new Status(StatusCode.DeadlineExceeded, "commit status timed out")), []);

        public Task<AnchorView> GetAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<LedgerWrite<AnchorView>> EraseAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<VerifyView> VerifyAsync(FabricSigningIdentity caller, string recordId, string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<LedgerWrite<System.Text.Json.JsonElement>> SignOffAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<LedgerPage<System.Text.Json.JsonElement>> ListSignOffsAsync(FabricSigningIdentity caller, string recordId, int pageSize, string? bookmark, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<LedgerPage<System.Text.Json.JsonElement>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>One lapsed grant, whose revocation commits.</summary>
    private sealed class OneLapsedGrant : IKeyGrantLedger
    {
        private static readonly KeyGrantView _grant = new("rec-pending-swept", "pat-f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6", GatewayServiceFixture.Hospital, GatewayServiceFixture.HospitalB, "consent-1", "tx-grant", false);

        public Task<LedgerWrite<KeyGrantView>> GrantAsync(FabricSigningIdentity caller, string recordId, string granteeMspId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<LedgerWrite<KeyGrantView>> RevokeAsync(FabricSigningIdentity caller, string recordId, string granteeMspId, CancellationToken cancellationToken) =>
            Task.FromResult(new LedgerWrite<KeyGrantView>(_grant with { Revoked = true }, "tx-revoke", 7));

        public Task<LedgerPage<KeyGrantView>> ListLapsedAsync(FabricSigningIdentity caller, string custodianMspId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
            Task.FromResult(new LedgerPage<KeyGrantView>([_grant], string.Empty, 1));
    }

    /// <summary>Storage that refuses to delete wrapped keys.</summary>
    private sealed class FailingRevokeStore(GatewayServiceFixture fixture)
        : OffchainRecordStore(new BlobServiceClient(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey)))
    {
        public override Task<bool> RevokeGrantAsync(string recordId, MedChain.OffchainStore.Keys.OrgPublicKey recipient, CancellationToken cancellationToken = default) =>
            throw new Azure.RequestFailedException(503, "storage unavailable");
    }
}
