using System.Globalization;
using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IConsentLedger"/> over the ledger <c>Ledger:Mode</c> selected.</summary>
internal sealed class FabricConsentLedger(IChaincodeLedger connection) : IConsentLedger
{
    // The purpose, scope and request are content (issue #11): they travel in the transient map, and the
    // submitted transactions answer with ids and states; the content is read back by evaluating Consent:Get.
    public Task<LedgerWrite<AccessCheck>> CheckAccessAsync(FabricSigningIdentity caller, string recordId, string purpose, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AccessCheck>(connection, caller, "Consent:CheckAccess", [recordId], cancellationToken, ContractCalls.Content(("purpose", purpose)));

    public Task<LedgerWrite<ConsentState>> GrantAsync(FabricSigningIdentity caller, ConsentGrant request, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<ConsentState>(connection, caller, "Consent:Grant", [], cancellationToken, ContractCalls.Content(("request", JsonSerializer.Serialize(request, ContractCalls.Json))));

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

    // The reason text stays in its encrypted document (issue #11); the chain keeps the document's SHA-256.
    public Task<LedgerWrite<AccessCheck>> EmergencyAccessAsync(FabricSigningIdentity caller, string recordId, string reasonCode, string reasonDocumentSha256, string reasonDocumentId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AccessCheck>(connection, caller, "Consent:EmergencyAccess", [recordId, reasonCode, reasonDocumentSha256, reasonDocumentId], cancellationToken);

    public Task<LedgerWrite<EmergencyReview>> ReviewEmergencyReasonAsync(FabricSigningIdentity caller, string entryId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<EmergencyReview>(connection, caller, "Consent:ReviewEmergencyReason", [entryId], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListEmergencyAccessesAsync(FabricSigningIdentity caller, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Consent:ListEmergencyAccesses", [Size(pageSize), bookmark ?? string.Empty], cancellationToken);

    private static string Size(int pageSize) => pageSize.ToString(CultureInfo.InvariantCulture);
}
