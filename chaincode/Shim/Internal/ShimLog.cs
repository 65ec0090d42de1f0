using Microsoft.Extensions.Logging;

namespace MedChain.Shim.Internal;

/// <summary>The shim's log messages (source-generated).</summary>
internal static partial class ShimLog
{
    [LoggerMessage(1, LogLevel.Information, "Chaincode server for package {PackageId} listening on {EndPoint} ({Security})")]
    public static partial void ServerStarted(ILogger logger, string packageId, string endPoint, string security);

    [LoggerMessage(2, LogLevel.Information, "Chaincode server stopping: finishing running transactions")]
    public static partial void ServerStopping(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Chaincode server stopped")]
    public static partial void ServerStopped(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Peer {Peer} connected; registering as {PackageId}")]
    public static partial void PeerConnected(ILogger logger, string peer, string packageId);

    [LoggerMessage(5, LogLevel.Information, "Peer {Peer} disconnected")]
    public static partial void PeerDisconnected(ILogger logger, string peer);

    [LoggerMessage(6, LogLevel.Warning, "Stream from peer {Peer} failed")]
    public static partial void StreamFailed(ILogger logger, string peer, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "Peer {Peer}: state {From} -> {To}")]
    public static partial void StateChanged(ILogger logger, string peer, string from, string to);

    [LoggerMessage(8, LogLevel.Warning, "Peer {Peer}: rejected {Type} for tx {TxId} in state {State}: {Reason}")]
    public static partial void MessageRejected(ILogger logger, string peer, string type, string txId, string state, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Peer {Peer}: {Type} for tx {ChannelId}/{TxId}")]
    public static partial void TransactionStarted(ILogger logger, string peer, string type, string channelId, string txId);

    [LoggerMessage(10, LogLevel.Debug, "Peer {Peer}: tx {ChannelId}/{TxId} answered {Type} (status {Status})")]
    public static partial void TransactionFinished(ILogger logger, string peer, string channelId, string txId, string type, int status);

    [LoggerMessage(11, LogLevel.Error, "Peer {Peer}: chaincode threw for tx {ChannelId}/{TxId}")]
    public static partial void ChaincodeThrew(ILogger logger, string peer, string channelId, string txId, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Peer {Peer}: could not send {Type} for tx {TxId}")]
    public static partial void SendFailed(ILogger logger, string peer, string type, string txId, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "Received {Signal}: shutting down the chaincode server")]
    public static partial void SignalReceived(ILogger logger, string signal);
}
