using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>Patients' binding to the organization that admits them (the chaincode's Patient contract), signed as the caller.</summary>
public interface IPatientLedger
{
    /// <summary><c>Patient:Enroll</c>: binds the pseudonym to the caller's organization (staff only).</summary>
    Task<LedgerWrite<JsonElement>> EnrollAsync(FabricSigningIdentity caller, string patientId, CancellationToken cancellationToken);
}

/// <summary><see cref="IPatientLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricPatientLedger(IChaincodeLedger connection) : IPatientLedger
{
    public Task<LedgerWrite<JsonElement>> EnrollAsync(FabricSigningIdentity caller, string patientId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<JsonElement>(connection, caller, "Patient:Enroll", [patientId], cancellationToken);
}

/// <summary>The basis of an erasure (the chaincode's RecordAnchor contract), signed as the caller.</summary>
public interface IErasureLedger
{
    /// <summary><c>RecordAnchor:RequestErasure</c> (the record's patient) or, for the regulator, <c>RecordAnchor:OrderErasure</c>.</summary>
    Task<LedgerWrite<JsonElement>> RequestAsync(FabricSigningIdentity caller, string recordId, bool regulatorOrder, CancellationToken cancellationToken);
}

/// <summary><see cref="IErasureLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricErasureLedger(IChaincodeLedger connection) : IErasureLedger
{
    public Task<LedgerWrite<JsonElement>> RequestAsync(FabricSigningIdentity caller, string recordId, bool regulatorOrder, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<JsonElement>(connection, caller, regulatorOrder ? "RecordAnchor:OrderErasure" : "RecordAnchor:RequestErasure", [recordId], cancellationToken);
}
