using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.Shim.Internal;

/// <summary>A transaction context on a stream: replies to state calls are matched by channel and transaction id.</summary>
internal readonly record struct TxKey(string ChannelId, string TxId);

/// <summary>
/// Serves one chaincode stream from one peer: registers with the package id, then runs each
/// INIT/TRANSACTION on its own task and routes the peer's RESPONSE/ERROR replies back to the
/// state call waiting for them. One send lock per stream, because a gRPC stream takes one write at a time.
/// </summary>
internal sealed class ChaincodeHandler : IDisposable
{
    private static readonly TimeSpan _abortGracePeriod = TimeSpan.FromSeconds(5);

    private readonly IChaincode _chaincode;
    private readonly string _packageId;
    private readonly IAsyncStreamWriter<PeerPb.ChaincodeMessage> _writer;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<TxKey, TaskCompletionSource<PeerPb.ChaincodeMessage>> _pendingCalls = new();
    private readonly ConcurrentDictionary<TxKey, Task> _transactions = new();
    private readonly CancellationTokenSource _stopReading = new();
    private readonly CancellationTokenSource _abortTransactions = new();
    private volatile bool _draining;
    private int _state = (int)HandlerState.Created;

    public ChaincodeHandler(IChaincode chaincode, string packageId, IAsyncStreamWriter<PeerPb.ChaincodeMessage> writer, string peer, ILogger logger)
    {
        _chaincode = chaincode;
        _packageId = packageId;
        _writer = writer;
        Peer = peer;
        _logger = logger;
    }

    /// <summary>The remote peer, for logs.</summary>
    public string Peer { get; }

    public HandlerState State => (HandlerState)Volatile.Read(ref _state);

    /// <summary>Registers, then serves the stream until it ends, the token fires or <see cref="DrainAsync"/> stops it.</summary>
    public async Task RunAsync(IAsyncStreamReader<PeerPb.ChaincodeMessage> reader, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopReading.Token);
        var token = linked.Token;
        ShimLog.PeerConnected(_logger, Peer, _packageId);
        try
        {
            var register = new PeerPb.ChaincodeMessage
            {
                Type = MessageType.Register,
                Payload = new PeerPb.ChaincodeID { Name = _packageId }.ToByteString(),
            };
            await SendAsync(register, token).ConfigureAwait(false);
            while (await reader.MoveNext(token).ConfigureAwait(false))
            {
                if (!await HandleMessageAsync(reader.Current, token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Server stopping or call cancelled: a normal end.
        }
        catch (InvalidProtocolBufferException ex)
        {
            // Bytes that are no ChaincodeMessage: the peer learns why from the call's status.
            ShimLog.StreamFailed(_logger, Peer, ex);
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"malformed ChaincodeMessage: {ex.Message}"));
        }
        catch (RpcException ex) when (ex.StatusCode is not StatusCode.Cancelled)
        {
            // The transport refused what the peer sent (e.g. over the message size limit): pass its status on.
            ShimLog.StreamFailed(_logger, Peer, ex);
            throw;
        }
        catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or PeerCallException)
        {
            ShimLog.StreamFailed(_logger, Peer, ex);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
            ShimLog.PeerDisconnected(_logger, Peer);
        }
    }

    /// <summary>
    /// Graceful stop: refuses new transactions, waits for running ones (until the token fires), then ends the stream.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        try
        {
            await Task.WhenAll(_transactions.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of patience: the stream closes and running transactions are cancelled.
        }

        try
        {
            await _stopReading.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The stream ended on its own meanwhile.
        }
    }

    /// <summary>Handles one message from the peer; false when the stream must close.</summary>
    internal async Task<bool> HandleMessageAsync(PeerPb.ChaincodeMessage message, CancellationToken cancellationToken)
    {
        var state = State;
        if (!Enum.IsDefined(message.Type))
        {
            // Unknown to this protocol version: refuse that message, not the stream (once registered).
            var reason = $"unknown message type {(int)message.Type}";
            await RejectAsync(message, state, reason, cancellationToken).ConfigureAwait(false);
            return state == HandlerState.Ready;
        }

        var (next, action) = HandlerStateMachine.Decide(state, message.Type);
        switch (action)
        {
            case MessageAction.Echo:
                await SendAsync(message, cancellationToken).ConfigureAwait(false);
                return true;
            case MessageAction.Advance:
                Volatile.Write(ref _state, (int)next);
                ShimLog.StateChanged(_logger, Peer, state.ToString(), next.ToString());
                return true;
            case MessageAction.StartTransaction:
                await StartTransactionAsync(message, cancellationToken).ConfigureAwait(false);
                return true;
            case MessageAction.RouteResponse:
                if (_pendingCalls.TryGetValue(new TxKey(message.ChannelId, message.Txid), out var waiter))
                {
                    waiter.TrySetResult(message);
                }
                else
                {
                    await RejectAsync(message, state, "no state call of this transaction is waiting for a reply", cancellationToken).ConfigureAwait(false);
                }

                return true;
            case MessageAction.Reject:
                await RejectAsync(message, state, $"cannot handle message ({message.Type}) while in state: {state}", cancellationToken).ConfigureAwait(false);
                return true;
            default:
                await RejectAsync(message, state, $"cannot handle message ({message.Type}) while in state: {state}", cancellationToken).ConfigureAwait(false);
                return false;
        }
    }

    /// <summary>
    /// Sends a state call for a transaction and waits for the peer's RESPONSE; the reply's payload on success.
    /// Throws <see cref="PeerCallException"/> when the peer answers ERROR or the stream ends.
    /// </summary>
    public async Task<ByteString> CallPeerAsync(MessageType type, IMessage payload, string channelId, string txId, CancellationToken cancellationToken)
    {
        var request = new PeerPb.ChaincodeMessage { Type = type, Payload = payload.ToByteString(), ChannelId = channelId, Txid = txId };
        var key = new TxKey(channelId, txId);
        var waiter = new TaskCompletionSource<PeerPb.ChaincodeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pendingCalls.TryAdd(key, waiter))
        {
            throw new InvalidOperationException($"[{ShortTxId(txId)}] a state call of this transaction is already waiting for the peer.");
        }

        try
        {
            if (State == HandlerState.Closed)
            {
                throw new PeerCallException($"[{ShortTxId(txId)}] error sending {type}: the chaincode stream to the peer has ended.");
            }

            await SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var registration = cancellationToken.Register(static s => ((TaskCompletionSource<PeerPb.ChaincodeMessage>)s!).TrySetCanceled(), waiter);
            var reply = await waiter.Task.ConfigureAwait(false);
            return reply.Type switch
            {
                MessageType.Response => reply.Payload,
                MessageType.Error => throw new PeerCallException(reply.Payload.ToStringUtf8()),
                _ => throw new PeerCallException($"[{ShortTxId(txId)}] incorrect chaincode message {reply.Type} received. Expecting RESPONSE or ERROR."),
            };
        }
        finally
        {
            _pendingCalls.TryRemove(new KeyValuePair<TxKey, TaskCompletionSource<PeerPb.ChaincodeMessage>>(key, waiter));
        }
    }

    public void Dispose()
    {
        _sendLock.Dispose();
        _stopReading.Dispose();
        _abortTransactions.Dispose();
    }

    private async Task StartTransactionAsync(PeerPb.ChaincodeMessage message, CancellationToken cancellationToken)
    {
        if (_draining)
        {
            await RejectAsync(message, State, "the chaincode server is shutting down", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(message.Txid))
        {
            await RejectAsync(message, State, "the message has no transaction id", cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = new TxKey(message.ChannelId, message.Txid);

        // The placeholder claims the key before the task runs, so a duplicate arriving meanwhile is refused.
        if (!_transactions.TryAdd(key, Task.CompletedTask))
        {
            await RejectAsync(message, State, $"transaction {message.ChannelId}/{message.Txid} is already running", cancellationToken).ConfigureAwait(false);
            return;
        }

        ShimLog.TransactionStarted(_logger, Peer, message.Type.ToString(), message.ChannelId, message.Txid);
        var task = Task.Run(() => ExecuteAsync(message, key), CancellationToken.None);
        _transactions.TryUpdate(key, task, Task.CompletedTask);
    }

    private async Task ExecuteAsync(PeerPb.ChaincodeMessage message, TxKey key)
    {
        PeerPb.ChaincodeMessage? reply;
        try
        {
            reply = await RunChaincodeAsync(message).ConfigureAwait(false);
        }
        finally
        {
            // Free the id before answering, so the peer may reuse it as soon as it has the reply.
            _transactions.TryRemove(key, out _);
        }

        if (reply is null)
        {
            return;
        }

        ShimLog.TransactionFinished(_logger, Peer, message.ChannelId, message.Txid, reply.Type.ToString(), reply.Type == MessageType.Completed ? PeerPb.Response.Parser.ParseFrom(reply.Payload).Status : 0);
        try
        {
            await SendAsync(reply, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PeerCallException or RpcException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            ShimLog.SendFailed(_logger, Peer, reply.Type.ToString(), message.Txid, ex);
        }
    }

    /// <summary>The COMPLETED or ERROR reply to an INIT or TRANSACTION; null when the stream ended meanwhile.</summary>
    private async Task<PeerPb.ChaincodeMessage?> RunChaincodeAsync(PeerPb.ChaincodeMessage message)
    {
        ChaincodeStub stub;
        try
        {
            var input = PeerPb.ChaincodeInput.Parser.ParseFrom(message.Payload);
            stub = ChaincodeStub.Create(this, message.ChannelId, message.Txid, input, message.Proposal);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return ErrorReply(message, $"failed to unmarshal input: {ex.Message}", null);
        }
        catch (InvalidProposalException ex)
        {
            return ErrorReply(message, $"failed to create new ChaincodeStub: {ex.Message}", null);
        }

        using var stubScope = stub;
        var token = _abortTransactions.Token;
        ChaincodeResponse? response;
        try
        {
            response = message.Type == MessageType.Init
                ? await _chaincode.InitAsync(stub, token).ConfigureAwait(false)
                : await _chaincode.InvokeAsync(stub, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A chaincode's exception is the transaction's ERROR, never the stream's end.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ShimLog.ChaincodeThrew(_logger, Peer, message.ChannelId, message.Txid, ex);
            return ErrorReply(message, ex.Message, stub.ChaincodeEvent);
        }

        if (response is null)
        {
            return ErrorReply(message, "the chaincode returned no response", stub.ChaincodeEvent);
        }

        // As in the Go shim: a failed INIT is an ERROR message; a failed invoke is a COMPLETED
        // whose response carries the error status, which the endorser turns into a failed proposal.
        if (message.Type == MessageType.Init && !response.IsSuccess)
        {
            return ErrorReply(message, response.Message, stub.ChaincodeEvent);
        }

        var pbResponse = new PeerPb.Response
        {
            Status = response.Status,
            Message = response.Message ?? string.Empty,
            Payload = ByteString.CopyFrom(response.Payload ?? []),
        };
        var completed = new PeerPb.ChaincodeMessage
        {
            Type = MessageType.Completed,
            Payload = pbResponse.ToByteString(),
            Txid = message.Txid,
            ChannelId = message.ChannelId,
        };
        if (stub.ChaincodeEvent is { } chaincodeEvent)
        {
            completed.ChaincodeEvent = chaincodeEvent;
        }

        return completed;
    }

    private static PeerPb.ChaincodeMessage ErrorReply(PeerPb.ChaincodeMessage message, string text, PeerPb.ChaincodeEvent? chaincodeEvent)
    {
        var reply = new PeerPb.ChaincodeMessage
        {
            Type = MessageType.Error,
            Payload = ByteString.CopyFromUtf8(text),
            Txid = message.Txid,
            ChannelId = message.ChannelId,
        };
        if (chaincodeEvent is not null)
        {
            reply.ChaincodeEvent = chaincodeEvent;
        }

        return reply;
    }

    private async Task RejectAsync(PeerPb.ChaincodeMessage message, HandlerState state, string reason, CancellationToken cancellationToken)
    {
        ShimLog.MessageRejected(_logger, Peer, message.Type.ToString(), message.Txid, state.ToString(), reason);
        await SendAsync(ErrorReply(message, $"[{ShortTxId(message.Txid)}] {reason}", null), cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(PeerPb.ChaincodeMessage message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (State == HandlerState.Closed)
            {
                throw new PeerCallException("the chaincode stream to the peer has ended.");
            }

            await _writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _state, (int)HandlerState.Closed);
        }
        finally
        {
            _sendLock.Release();
        }

        await _abortTransactions.CancelAsync().ConfigureAwait(false);
        foreach (var waiter in _pendingCalls.Values)
        {
            waiter.TrySetException(new PeerCallException("the chaincode stream to the peer has ended."));
        }

        // Transactions end quickly now (cancelled, their calls failed); wait so nothing writes after the call ends.
        try
        {
            await Task.WhenAll(_transactions.Values).WaitAsync(_abortGracePeriod).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A chaincode that ignores cancellation; its late reply is dropped by SendAsync.
        }
    }

    private static string ShortTxId(string txId) => txId.Length < 8 ? txId : txId[..8];
}

/// <summary>A SignedProposal or Proposal that cannot be read as a Fabric transaction proposal.</summary>
internal sealed class InvalidProposalException : Exception
{
    public InvalidProposalException()
    {
    }

    public InvalidProposalException(string message)
        : base(message)
    {
    }

    public InvalidProposalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
