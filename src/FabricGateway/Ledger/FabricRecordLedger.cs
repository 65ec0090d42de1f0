using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IRecordLedger"/> over the ledger <c>Ledger:Mode</c> selected.</summary>
internal sealed class FabricRecordLedger(IChaincodeLedger connection) : IRecordLedger
{
    public Task<LedgerWrite<AnchorView>> AnchorAsync(FabricSigningIdentity caller, AnchorRecord request, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AnchorView>(connection, caller, "RecordAnchor:Anchor", [JsonSerializer.Serialize(request, ContractCalls.Json)], cancellationToken);

    public Task<AnchorView> GetAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<AnchorView>(connection, caller, "RecordAnchor:Get", [recordId, "0"], cancellationToken);

    public Task<LedgerWrite<AnchorView>> EraseAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AnchorView>(connection, caller, "RecordAnchor:Erase", [recordId], cancellationToken);
}
