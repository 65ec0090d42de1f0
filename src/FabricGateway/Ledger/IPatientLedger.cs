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
internal sealed class FabricPatientLedger(FabricConnection connection) : IPatientLedger
{
    public Task<LedgerWrite<JsonElement>> EnrollAsync(FabricSigningIdentity caller, string patientId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<JsonElement>(connection, caller, "Patient:Enroll", [patientId], cancellationToken);
}
