using System.Globalization;
using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IConsentLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricConsentLedger(FabricConnection connection) : IConsentLedger
{
    // After issue #11: [recordId] with the purpose in transient 'purpose'.
    public Task<LedgerWrite<AccessCheck>> CheckAccessAsync(FabricSigningIdentity caller, string recordId, string purpose, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AccessCheck>(connection, caller, "Consent:CheckAccess", [recordId, purpose], cancellationToken);

    // Main's chaincode takes the request as its argument; after issue #11, in transient 'request' with no arguments.
    public Task<LedgerWrite<ConsentState>> GrantAsync(FabricSigningIdentity caller, ConsentGrant request, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<ConsentState>(connection, caller, "Consent:Grant", [JsonSerializer.Serialize(request, ContractCalls.Json)], cancellationToken);

    public Task<LedgerWrite<ConsentState>> RevokeAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<ConsentState>(connection, caller, "Consent:Revoke", [patientId, consentId], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListAccessLogAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Consent:ListAccessLog", [patientId, Size(pageSize), bookmark ?? string.Empty], cancellationToken);

    public Task<ConsentView> GetAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<ConsentView>(connection, caller, "Consent:Get", [patientId, consentId], cancellationToken);

    public Task<LedgerPage<ConsentView>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<ConsentView>>(connection, caller, "Consent:ListByPatient", [patientId, Size(pageSize), bookmark ?? string.Empty], cancellationToken);

    public Task<LedgerPage<ConsentView>> ListByGranteeAsync(FabricSigningIdentity caller, string granteeMspId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<ConsentView>>(connection, caller, "Consent:ListByGrantee", [granteeMspId, Size(pageSize), bookmark ?? string.Empty], cancellationToken);

    public Task<LedgerWrite<JsonElement>> AddDelegateAsync(FabricSigningIdentity caller, string patientId, string mspId, string personId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<JsonElement>(connection, caller, "Consent:AddDelegate", [patientId, mspId, personId], cancellationToken);

    public Task<LedgerWrite<JsonElement>> RemoveDelegateAsync(FabricSigningIdentity caller, string patientId, string mspId, string personId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<JsonElement>(connection, caller, "Consent:RemoveDelegate", [patientId, mspId, personId], cancellationToken);

    // Main's chaincode takes the text; after issue #11 the third argument is reasonDocumentSha256.
    public Task<LedgerWrite<AccessCheck>> EmergencyAccessAsync(FabricSigningIdentity caller, string recordId, string reasonCode, string reasonText, string reasonDocumentSha256, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AccessCheck>(connection, caller, "Consent:EmergencyAccess", [recordId, reasonCode, reasonText], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListEmergencyAccessesAsync(FabricSigningIdentity caller, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Consent:ListEmergencyAccesses", [Size(pageSize), bookmark ?? string.Empty], cancellationToken);

    private static string Size(int pageSize) => pageSize.ToString(CultureInfo.InvariantCulture);
}
