using System.Text;
using System.Text.Json;
using MedChain.FabricClient;
using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IRecordLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricRecordLedger(FabricConnection connection) : IRecordLedger
{
    private const string _contractName = "RecordAnchor";
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public Task<LedgerWrite<AnchorView>> AnchorAsync(FabricSigningIdentity caller, AnchorRecord request, CancellationToken cancellationToken) =>
        SubmitAsync(caller, "Anchor", [JsonSerializer.Serialize(request, _json)], cancellationToken);

    public async Task<AnchorView> GetAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync(caller).ConfigureAwait(false);
        var result = await contract.EvaluateAsync($"{_contractName}:Get", ProposalOptions.WithArguments(recordId, "0"), cancellationToken).ConfigureAwait(false);
        return Parse(result);
    }

    public Task<LedgerWrite<AnchorView>> EraseAsync(FabricSigningIdentity caller, string recordId, CancellationToken cancellationToken) =>
        SubmitAsync(caller, "Erase", [recordId], cancellationToken);

    private async Task<LedgerWrite<AnchorView>> SubmitAsync(FabricSigningIdentity caller, string function, string[] args, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync(caller).ConfigureAwait(false);
        var submitted = await contract.SubmitAsync($"{_contractName}:{function}", ProposalOptions.WithArguments(args), cancellationToken).ConfigureAwait(false);
        var status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        if (!status.Successful)
        {
            throw new CommitException(status);
        }

        return new LedgerWrite<AnchorView>(Parse(submitted.Result), status.TransactionId, status.BlockNumber);
    }

    private static AnchorView Parse(byte[] result) =>
        JsonSerializer.Deserialize<AnchorView>(Encoding.UTF8.GetString(result), _json)
        ?? throw new InvalidDataException("The chaincode returned an empty anchor.");
}
