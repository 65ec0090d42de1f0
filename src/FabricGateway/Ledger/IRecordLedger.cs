using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The record-anchor contract as the service uses it. One small port, so the HTTP layer does
/// not depend on how transactions reach Fabric. Every call is made as <c>caller</c>: the person, never the service.
/// </summary>
public interface IRecordLedger
{
    /// <summary>Anchors a record's first version and waits for the commit.</summary>
    Task<LedgerWrite<AnchorView>> AnchorAsync(FabricSigningIdentity caller, AnchorRecord request, CancellationToken cancellationToken);

    /// <summary>The current version's anchor (the chaincode checks the caller may read it).</summary>
    Task<AnchorView> GetAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken);

    /// <summary>
    /// Flags the record erased on chain and waits for the commit; the chaincode refuses (no patient request or
    /// regulator order, not the custodian) before any key is destroyed, since keys go only after this commits.
    /// </summary>
    Task<LedgerWrite<AnchorView>> EraseAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>RecordAnchor:Verify</c>: whether <paramref name="sha256"/> matches the current version's anchored hash.</summary>
    Task<VerifyView> VerifyAsync(FabricSigningIdentity caller, string recordId, string sha256, CancellationToken cancellationToken);

    /// <summary>Submits <c>RecordAnchor:SignOff</c> of the current version (a doctor who may read it) and waits for the commit.</summary>
    Task<LedgerWrite<JsonElement>> SignOffAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>RecordAnchor:ListByPatient</c>: the patient's records (no content; the chaincode decides who may list).</summary>
    Task<LedgerPage<JsonElement>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken);

    /// <summary>Evaluates <c>RecordAnchor:ListSignOffs</c> of the current version.</summary>
    Task<LedgerPage<JsonElement>> ListSignOffsAsync(FabricSigningIdentity caller, string recordId, int pageSize, string? bookmark, CancellationToken cancellationToken);
}

/// <summary>What <c>RecordAnchor:Verify</c> answers.</summary>
public sealed record VerifyView(string RecordId, int Version, bool Matches, bool Erased);

/// <summary>What the chaincode's RecordAnchor:Anchor takes: hashes and references; the record type goes in the transient map, never on the shared ledger.</summary>
public sealed record AnchorRecord(string RecordId, string PatientId, string RecordType, string Sha256, long Size, string BlobRef, string KeyId);

/// <summary>An anchor as the chaincode returns it (the fields the service uses).</summary>
public sealed record AnchorView
{
    public required string RecordId { get; init; }

    public required int Version { get; init; }

    public required string PatientId { get; init; }

    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required string BlobRef { get; init; }

    public required string KeyId { get; init; }

    public required string CustodianMspId { get; init; }

    public required DateTimeOffset AnchoredAt { get; init; }

    public required string TxId { get; init; }

    public bool Erased { get; init; }

    public DateTimeOffset? ErasedAt { get; init; }
}

/// <summary>A committed ledger write: the chaincode's result and where it landed.</summary>
public sealed record LedgerWrite<T>(T Value, string TransactionId, ulong BlockNumber);
