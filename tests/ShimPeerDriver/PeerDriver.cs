using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MedChain.Shim.Testing;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace MedChain.ShimPeerDriver;

/// <summary>
/// Plays the peer on one chaincode stream, over Grpc.Net.Client: opens protos.Chaincode/Connect,
/// answers REGISTER with REGISTERED + READY, sends INIT/TRANSACTION with real signed proposals, answers
/// the chaincode's state requests from a <see cref="PeerLedger"/>, and hands back COMPLETED/ERROR by transaction.
/// </summary>
public sealed class PeerDriver : IAsyncDisposable
{
    public const string Channel = "mychannel";
    public const string MspId = "Org1MSP";

    private static readonly Lazy<byte[]> _defaultCreator = new(() => DriverIdentity.Serialize(MspId, DriverIdentity.Issue("user1", """{"attrs":{"role":"doctor"}}""")));

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<PeerPb.ChaincodeMessage, PeerPb.ChaincodeMessage> _call;
    private readonly CancellationTokenSource _cancel = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<(string, string), TaskCompletionSource<PeerPb.ChaincodeMessage>> _waiting = new();
    private readonly Channel<PeerPb.ChaincodeMessage> _unmatched = System.Threading.Channels.Channel.CreateUnbounded<PeerPb.ChaincodeMessage>();
    private readonly TaskCompletionSource<PeerPb.ChaincodeMessage> _registration = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private int _openingEchoSeen;

    private PeerDriver(GrpcChannel channel, PeerLedger ledger)
    {
        _channel = channel;
        Ledger = ledger;
        _call = new PeerPb.Chaincode.ChaincodeClient(channel).Connect(cancellationToken: _cancel.Token);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public PeerLedger Ledger { get; }

    /// <summary>The REGISTER message the chaincode sent.</summary>
    public Task<PeerPb.ChaincodeMessage> Registration => _registration.Task;

    /// <summary>Completes when the chaincode ends the stream (with the error, if any).</summary>
    public Task<Exception?> Ended => _ended.Task;

    /// <summary>The signed proposal of the last <see cref="InvokeAsync(IReadOnlyList{string}, CancellationToken, string?, IReadOnlyDictionary{string, byte[]}?, bool, string)"/>.</summary>
    public PeerPb.SignedProposal? LastProposal { get; private set; }

    /// <summary>The creator put in proposals (msp.SerializedIdentity).</summary>
    public byte[] Creator { get; set; } = _defaultCreator.Value;

    /// <summary>Connects and, with <paramref name="handshake"/>, completes REGISTER → REGISTERED → READY.</summary>
    public static async Task<PeerDriver> ConnectAsync(string address, CancellationToken cancellationToken, PeerLedger? ledger = null, PeerTls? tls = null, bool handshake = true)
    {
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = PeerTls.CreateHandler(tls), DisposeHttpClient = true });
        var driver = new PeerDriver(channel, ledger ?? new PeerLedger());
        try
        {
            // HttpClient may hold HTTP/2 request headers back until the first message is written, and the shim
            // speaks first (REGISTER); an opening KEEPALIVE, which the shim echoes in any state, gets the call to
            // the server at once. (A Go peer sends its headers straight away.)
            await driver.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Keepalive }, cancellationToken);
            await driver.Registration.WaitAsync(cancellationToken);
            if (handshake)
            {
                await driver.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Registered }, cancellationToken);
                await driver.SendAsync(new PeerPb.ChaincodeMessage { Type = MessageType.Ready }, cancellationToken);
            }

            return driver;
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a TRANSACTION (or INIT) with a signed proposal and returns the chaincode's COMPLETED or ERROR.</summary>
    public Task<PeerPb.ChaincodeMessage> InvokeAsync(CancellationToken cancellationToken, params string[] args) =>
        InvokeAsync(args, cancellationToken);

    public Task<PeerPb.ChaincodeMessage> InvokeAsync(
        IReadOnlyList<string> args,
        CancellationToken cancellationToken,
        string? txId = null,
        IReadOnlyDictionary<string, byte[]>? transient = null,
        bool init = false,
        string channel = Channel)
    {
        txId ??= NewTxId();
        var input = new PeerPb.ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var message = new PeerPb.ChaincodeMessage
        {
            Type = init ? MessageType.Init : MessageType.Transaction,
            Payload = input.ToByteString(),
            Txid = txId,
            ChannelId = channel,
            // The shim does not check the signature (the peer did); any bytes stand in for one.
            Proposal = ProposalBuilder.Build(
                Creator,
                static _ => [0x30, 0x00],
                channel,
                PeerLedger.Namespace,
                txId,
                ProposalBuilder.NewNonce(),
                new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
                [.. args.Select(Encoding.UTF8.GetBytes)],
                transient,
                init),
        };
        LastProposal = message.Proposal;
        return SendAndWaitAsync(message, cancellationToken);
    }

    /// <summary>Sends any message and waits for the chaincode's reply with the same channel and transaction id.</summary>
    public async Task<PeerPb.ChaincodeMessage> SendAndWaitAsync(PeerPb.ChaincodeMessage message, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<PeerPb.ChaincodeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd((message.ChannelId, message.Txid), waiter))
        {
            throw new InvalidOperationException("The test already waits for this transaction.");
        }

        await SendAsync(message, cancellationToken);
        return await waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends a message as is.</summary>
    public async Task SendAsync(PeerPb.ChaincodeMessage message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _call.RequestStream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next message no waiting transaction claimed (ERROR for bad input, KEEPALIVE echoes, late replies).</summary>
    public async Task<PeerPb.ChaincodeMessage> NextUnmatchedAsync(CancellationToken cancellationToken) =>
        await _unmatched.Reader.ReadAsync(cancellationToken);

    public static string NewTxId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        await _readLoop;
        _call.Dispose();
        _channel.Dispose();
        _cancel.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (await _call.ResponseStream.MoveNext(_cancel.Token))
            {
                var message = _call.ResponseStream.Current;
                switch (message.Type)
                {
                    case MessageType.Register:
                        _registration.TrySetResult(message);
                        break;
                    case MessageType.Completed or MessageType.Error:
                        if (_waiting.TryRemove((message.ChannelId, message.Txid), out var waiter))
                        {
                            waiter.TrySetResult(message);
                        }
                        else
                        {
                            _unmatched.Writer.TryWrite(message);
                        }

                        break;
                    case MessageType.Keepalive:
                        // The echo of the opening KEEPALIVE is no news to the tests.
                        if (Interlocked.Exchange(ref _openingEchoSeen, 1) != 0)
                        {
                            _unmatched.Writer.TryWrite(message);
                        }

                        break;
                    default:
                        if (Ledger.Answer(message) is { } reply)
                        {
                            await SendAsync(reply, _cancel.Token);
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException or InvalidOperationException)
        {
            failure = ex;
        }

        var ended = failure ?? new IOException("The chaincode ended the stream.");
        _registration.TrySetException(ended);
        foreach (var waiter in _waiting.Values)
        {
            waiter.TrySetException(ended);
        }

        _unmatched.Writer.TryComplete();
        // As a Fabric peer does (extcc: the connection is closed when the stream handler returns): once the
        // chaincode has ended the stream, the connection goes too; the server's graceful stop waits for that.
        _channel.Dispose();
        _ended.TrySetResult(failure);
    }
}
