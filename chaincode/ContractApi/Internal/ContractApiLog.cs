using Microsoft.Extensions.Logging;

namespace MedChain.ContractApi.Internal;

/// <summary>Log messages of the contract API.</summary>
internal static partial class ContractApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Transaction {Contract}:{Function} (tx {TxId}) failed unexpectedly")]
    public static partial void TransactionFailed(ILogger logger, string contract, string function, string txId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Transaction {Contract}:{Function} (tx {TxId}) rejected: {Reason}")]
    public static partial void TransactionRejected(ILogger logger, string contract, string function, string txId, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Chaincode serves contracts {Contracts}; default contract {DefaultContract}")]
    public static partial void ContractsRegistered(ILogger logger, string contracts, string defaultContract);
}
