namespace MedChain.EmbeddedLedger.Server;

/// <summary>The server's log messages.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Embedded ledger node of {MspId} serving channel {Channel}, chaincode {Chaincode}; organizations: {Organizations}; block log in {DataDirectory}")]
    public static partial void Started(ILogger logger, string mspId, string channel, string chaincode, string organizations, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The organization registry is bootstrapped already: the chaincode's init is not run again")]
    public static partial void AlreadyInitialized(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Chaincode init: organization registry bootstrapped by {MspId}'s admin in block {Block}")]
    public static partial void Initialized(ILogger logger, string mspId, ulong block);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Proposal {TxId} refused: {Reason}")]
    public static partial void ProposalRefused(ILogger logger, string txId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Submitted transaction {TxId} refused: {Reason}")]
    public static partial void SubmitRefused(ILogger logger, string txId, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Transaction {TxId} committed in block {Block}: {Code}")]
    public static partial void Committed(ILogger logger, string txId, ulong block, PeerPb.TxValidationCode code);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Endorsed transaction {TxId} forgotten unsubmitted ({Why})")]
    public static partial void EndorsementDropped(ILogger logger, string txId, string why);
}
