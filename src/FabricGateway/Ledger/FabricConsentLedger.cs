using System.Globalization;
using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IConsentLedger"/> over the ledger <c>Ledger:Mode</c> selected.</summary>
internal sealed class FabricConsentLedger(IChaincodeLedger connection) : IConsentLedger
{
    public Task<LedgerWrite<AccessCheck>> CheckAccessAsync(FabricSigningIdentity caller, string recordId, string purpose, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AccessCheck>(connection, caller, "Consent:CheckAccess", [recordId, purpose], cancellationToken);

    public Task<LedgerWrite<ConsentView>> GrantAsync(FabricSigningIdentity caller, ConsentGrant request, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<ConsentView>(connection, caller, "Consent:Grant", [JsonSerializer.Serialize(request, ContractCalls.Json)], cancellationToken);

    public Task<LedgerWrite<ConsentView>> RevokeAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<ConsentView>(connection, caller, "Consent:Revoke", [patientId, consentId], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListAccessLogAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Consent:ListAccessLog", [patientId, pageSize.ToString(CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);
}
