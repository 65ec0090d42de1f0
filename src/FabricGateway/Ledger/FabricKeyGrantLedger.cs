using System.Globalization;
using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IKeyGrantLedger"/> over the ledger <c>Ledger:Mode</c> selected.</summary>
internal sealed class FabricKeyGrantLedger(IChaincodeLedger connection) : IKeyGrantLedger
{
    public Task<LedgerWrite<KeyGrantView>> GrantAsync(FabricSigningIdentity caller, string recordId, string granteeMspId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<KeyGrantView>(connection, caller, "KeyGrant:Grant", [Request(recordId, granteeMspId)], cancellationToken);

    public Task<LedgerWrite<KeyGrantView>> RevokeAsync(FabricSigningIdentity caller, string recordId, string granteeMspId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<KeyGrantView>(connection, caller, "KeyGrant:Revoke", [Request(recordId, granteeMspId)], cancellationToken);

    public Task<LedgerPage<KeyGrantView>> ListLapsedAsync(FabricSigningIdentity caller, string custodianMspId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<KeyGrantView>>(connection, caller, "KeyGrant:ListLapsed", [custodianMspId, pageSize.ToString(CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);

    private static string Request(string recordId, string granteeMspId) =>
        JsonSerializer.Serialize(new { recordId, granteeMspId }, ContractCalls.Json);
}
