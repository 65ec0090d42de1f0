using System.Globalization;
using System.Text;
using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IPrescriptionLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricPrescriptionLedger(IChaincodeLedger connection) : IPrescriptionLedger
{
    /// <summary>The transient key the chaincode reads the patient's dispensing code from.</summary>
    private const string _dispensingCode = "dispensingCode";

    // Medication and dosage are content (issue #11): the request travels in the transient map, salted.
    public Task<LedgerWrite<PrescriptionState>> IssueAsync(FabricSigningIdentity caller, PrescriptionIssue request, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<PrescriptionState>(connection, caller, "Prescription:Issue", [], cancellationToken, ContractCalls.Content(("request", JsonSerializer.Serialize(request, ContractCalls.Json))));

    public Task<LedgerWrite<PrescriptionState>> DispenseAsync(FabricSigningIdentity caller, string prescriptionId, string? dispensingCode, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<PrescriptionState>(connection, caller, "Prescription:Dispense", [prescriptionId], cancellationToken, Code(dispensingCode));

    public Task<LedgerWrite<PrescriptionState>> SetDispensingCodeAsync(FabricSigningIdentity caller, string prescriptionId, string dispensingCode, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<PrescriptionState>(connection, caller, "Prescription:SetDispensingCode", [prescriptionId], cancellationToken, Code(dispensingCode));

    public Task<LedgerWrite<PrescriptionState>> CancelAsync(FabricSigningIdentity caller, string prescriptionId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<PrescriptionState>(connection, caller, "Prescription:Cancel", [prescriptionId], cancellationToken);

    public Task<JsonElement> GetAsync(FabricSigningIdentity caller, string prescriptionId, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<JsonElement>(connection, caller, "Prescription:Get", [prescriptionId], cancellationToken);

    public Task<JsonElement> HistoryAsync(FabricSigningIdentity caller, string prescriptionId, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<JsonElement>(connection, caller, "Prescription:History", [prescriptionId], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Prescription:ListByPatient", [patientId, pageSize.ToString(CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListByPharmacyAsync(FabricSigningIdentity caller, string pharmacyMspId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Prescription:ListByPharmacy", [pharmacyMspId, pageSize.ToString(CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);

    private static Dictionary<string, byte[]>? Code(string? dispensingCode) =>
        dispensingCode is null ? null : new(StringComparer.Ordinal) { [_dispensingCode] = Encoding.UTF8.GetBytes(dispensingCode) };
}
