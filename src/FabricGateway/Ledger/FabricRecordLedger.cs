using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IRecordLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricRecordLedger(FabricConnection connection) : IRecordLedger
{
    /// <summary>The record type is content (issue #11): not in the anchor, but in the transient map for the private collection (consents scoped by type).</summary>
    public Task<LedgerWrite<AnchorView>> AnchorAsync(FabricSigningIdentity caller, AnchorRecord request, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AnchorView>(
            connection,
            caller,
            "RecordAnchor:Anchor",
            [JsonSerializer.Serialize(new { request.RecordId, request.PatientId, request.Sha256, request.Size, request.BlobRef, request.KeyId }, ContractCalls.Json)],
            cancellationToken,
            ContractCalls.Content(("recordType", request.RecordType)));

    public Task<AnchorView> GetAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<AnchorView>(connection, caller, "RecordAnchor:Get", [recordId, "0"], cancellationToken);

    public Task<LedgerWrite<AnchorView>> EraseAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<AnchorView>(connection, caller, "RecordAnchor:Erase", [recordId], cancellationToken);
}
