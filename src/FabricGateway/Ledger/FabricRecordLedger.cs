using System.Text;
using System.Text.Json;
using MedChain.FabricClient;

namespace MedChain.FabricGateway.Ledger;

/// <summary><see cref="IRecordLedger"/> over the peers' Gateway service.</summary>
internal sealed class FabricRecordLedger(FabricConnection connection) : IRecordLedger
{
    private const string _contractName = "RecordAnchor";
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public Task<LedgerWrite<AnchorView>> AnchorAsync(AnchorRecord request, CancellationToken cancellationToken) =>
        SubmitAsync("Anchor", [JsonSerializer.Serialize(request, _json)], cancellationToken);

    public async Task<AnchorView> GetAsync(string recordId, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync().ConfigureAwait(false);
        var result = await contract.EvaluateAsync($"{_contractName}:Get", ProposalOptions.WithArguments(recordId, "0"), cancellationToken).ConfigureAwait(false);
        return Parse(result);
    }

    public async Task CheckEraseAsync(string recordId, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync().ConfigureAwait(false);
        await contract.EvaluateAsync($"{_contractName}:Erase", ProposalOptions.WithArguments(recordId), cancellationToken).ConfigureAwait(false);
    }

    public Task<LedgerWrite<AnchorView>> EraseAsync(string recordId, CancellationToken cancellationToken) =>
        SubmitAsync("Erase", [recordId], cancellationToken);

    private async Task<LedgerWrite<AnchorView>> SubmitAsync(string function, string[] args, CancellationToken cancellationToken)
    {
        var contract = await connection.GetContractAsync().ConfigureAwait(false);
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
