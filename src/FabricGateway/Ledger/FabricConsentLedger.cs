using System.Globalization;
using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IConsentLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricConsentLedger(FabricConnection connection) : IConsentLedger
{
    // The purpose, scope and request are content (issue #11): they travel in the transient map, and the
    // submitted transactions answer with ids and states; the content is read back by evaluating Consent:Get.
    public Task<LedgerWrite<AccessCheck>> CheckAccessAsync(FabricSigningIdentity caller, string recordId, string purpose, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AccessCheck>(connection, caller, "Consent:CheckAccess", [recordId], cancellationToken, new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["purpose"] = System.Text.Encoding.UTF8.GetBytes(purpose) });

    public async Task<LedgerWrite<ConsentView>> GrantAsync(FabricSigningIdentity caller, ConsentGrant request, CancellationToken cancellationToken)
    {
        var granted = await ContractCalls.SubmitAsync<ConsentState>(connection, caller, "Consent:Grant", [], cancellationToken, ContractCalls.Content(("request", JsonSerializer.Serialize(request, ContractCalls.Json)))).ConfigureAwait(false);
        return await ReadBackAsync(caller, granted, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerWrite<ConsentView>> RevokeAsync(FabricSigningIdentity caller, string patientId, string consentId, CancellationToken cancellationToken)
    {
        var revoked = await ContractCalls.SubmitAsync<ConsentState>(connection, caller, "Consent:Revoke", [patientId, consentId], cancellationToken).ConfigureAwait(false);
        return await ReadBackAsync(caller, revoked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The committed consent with its scope and purpose, read by the same caller (the patient or a delegate).</summary>
    private async Task<LedgerWrite<ConsentView>> ReadBackAsync(FabricSigningIdentity caller, LedgerWrite<ConsentState> write, CancellationToken cancellationToken)
    {
        var view = await ContractCalls.EvaluateAsync<ConsentView>(connection, caller, "Consent:Get", [write.Value.PatientId, write.Value.ConsentId], cancellationToken).ConfigureAwait(false);
        return new LedgerWrite<ConsentView>(view, write.TransactionId, write.BlockNumber);
    }

    /// <summary>What a submitted consent transaction answers: ids and state.</summary>
    private sealed record ConsentState(string ConsentId, string PatientId, string Status);

    public Task<LedgerPage<JsonElement>> ListAccessLogAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "Consent:ListAccessLog", [patientId, pageSize.ToString(CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);
}
