using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.Records.Internal;

namespace MedChain.Contracts.Records;

/// <summary>Anchors of encrypted off-chain records: hash, size, blob reference, key id; versions, sign-offs, erasure.</summary>
[Contract(Name = "RecordAnchor", Description = "Record anchors: hash proofs of encrypted off-chain records, versions, sign-offs, erasure.")]
public sealed class RecordAnchorContract : MedChainContract
{
    /// <summary>The contract with default options (system clock, five minutes of clock skew).</summary>
    public RecordAnchorContract()
        : this(null)
    {
    }

    /// <summary>The contract with the given options.</summary>
    public RecordAnchorContract(MedChainOptions? options)
        : base(options)
    {
    }

    /// <summary>The custodian anchors version 1 (request: <see cref="AnchorRequest"/>).</summary>
    [Callers(Role.Doctor, Role.Service, In = [OrgKind.Hospital])]
    [Transaction(Description = "Anchors a new record (hospital service or doctor; the caller's org becomes custodian).")]
    public static Task<RecordAnchor> Anchor(Context ctx, AnchorRequest request) => RecordOperations.AnchorAsync(Tx.Of(ctx), request);

    /// <summary>The custodian anchors a new version (request: <see cref="SupersedeRequest"/>).</summary>
    [Callers(Role.Doctor, Role.Service, In = [OrgKind.Hospital])]
    [Transaction(Description = "Anchors a new version superseding the current one (custodian).")]
    public static Task<RecordAnchor> Supersede(Context ctx, SupersedeRequest request) => RecordOperations.SupersedeAsync(Tx.Of(ctx), request);

    [Callers]
    [Transaction(Evaluate = true, Description = "Whether a SHA-256 matches the anchored one of a version (0: current).")]
    public static Task<VerifyResult> Verify(Context ctx, string recordId, string sha256, int version) =>
        RecordOperations.VerifyAsync(Tx.Of(ctx), recordId, sha256, version);

    [Callers]
    [Transaction(Evaluate = true, Description = "An anchor's details (custodian, patient, delegate, regulator or consent holder); version 0: current.")]
    public static Task<RecordAnchor> Get(Context ctx, string recordId, int version) => RecordOperations.GetAsync(Tx.Of(ctx), recordId, version);

    [Callers]
    [Transaction(Evaluate = true, Description = "All versions of a record, oldest first, paged.")]
    public static Task<Page<RecordAnchor>> ListVersions(Context ctx, string recordId, int pageSize, string bookmark) =>
        RecordOperations.ListVersionsAsync(Tx.Of(ctx), recordId, pageSize, bookmark);

    /// <summary>A patient's records, in record id order (see <see cref="PatientRecords"/> for who may list).</summary>
    [Callers]
    [Transaction(Evaluate = true, Description = "A patient's records (ids, custodian, current version, hash, state, sign-offs; no content), paged: the patient, a delegate, the regulator (without record types), or staff of an organization holding a consent of the patient in force (only the records it keeps or a consent covers).")]
    public static Task<Page<PatientRecord>> ListByPatient(Context ctx, string patientId, int pageSize, string bookmark) =>
        PatientRecords.ListAsync(Tx.Of(ctx), patientId, pageSize, bookmark);

    [Callers(Role.Doctor)]
    [Transaction(Description = "A doctor who may read the record signs off a version (0: current) that is not superseded, once per doctor.")]
    public static Task<RecordSignOff> SignOff(Context ctx, string recordId, int version) => RecordOperations.SignOffAsync(Tx.Of(ctx), recordId, version);

    [Callers]
    [Transaction(Evaluate = true, Description = "The sign-offs of a version (0: current), paged.")]
    public static Task<Page<RecordSignOff>> ListSignOffs(Context ctx, string recordId, int version, int pageSize, string bookmark) =>
        RecordOperations.ListSignOffsAsync(Tx.Of(ctx), recordId, version, pageSize, bookmark);

    [Callers(Role.Patient)]
    [Transaction(Description = "The record's patient asks for its erasure (returns a pending request or order as is).")]
    public static Task<ErasureRequest> RequestErasure(Context ctx, string recordId) => ErasureOperations.RequestAsync(Tx.Of(ctx), recordId);

    [Callers(Role.Regulator, Role.Service, In = [OrgKind.Regulator])]
    [Transaction(Description = "The regulator orders a record's erasure (returns a pending request or order as is).")]
    public static Task<ErasureRequest> OrderErasure(Context ctx, string recordId) => ErasureOperations.OrderAsync(Tx.Of(ctx), recordId);

    [Callers(Role.Service, In = [OrgKind.Hospital])]
    [Transaction(Description = "The custodian's service flags a record erased (key destroyed off chain) on a pending patient request or regulator order; the anchors stay as proof.")]
    public static Task<RecordAnchor> Erase(Context ctx, string recordId) => RecordOperations.EraseAsync(Tx.Of(ctx), recordId);
}
