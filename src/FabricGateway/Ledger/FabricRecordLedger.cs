using System.Text.Json;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IRecordLedger"/> over the ledger <c>Ledger:Mode</c> selected.</summary>
internal sealed class FabricRecordLedger(IChaincodeLedger connection) : IRecordLedger
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

    public Task<VerifyView> VerifyAsync(FabricSigningIdentity caller, string recordId, string sha256, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<VerifyView>(connection, caller, "RecordAnchor:Verify", [recordId, sha256, "0"], cancellationToken);

    public Task<LedgerWrite<JsonElement>> SignOffAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) =>
        ContractCalls.SubmitAsync<JsonElement>(connection, caller, "RecordAnchor:SignOff", [recordId, "0"], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListByPatientAsync(FabricSigningIdentity caller, string patientId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "RecordAnchor:ListByPatient", [patientId, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);

    public Task<LedgerPage<JsonElement>> ListSignOffsAsync(FabricSigningIdentity caller, string recordId, int pageSize, string? bookmark, CancellationToken cancellationToken) =>
        ContractCalls.EvaluateAsync<LedgerPage<JsonElement>>(connection, caller, "RecordAnchor:ListSignOffs", [recordId, "0", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark ?? string.Empty], cancellationToken);
}
