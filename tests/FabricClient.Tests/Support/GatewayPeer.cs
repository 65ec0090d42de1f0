using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MedChain.FabricTestPeer;

namespace MedChain.FabricClient.Tests.Support;

/// <summary>
/// An in-test Fabric peer speaking <c>gateway.Gateway</c> on Grpc.AspNetCore (<see cref="TestGrpcServer"/>). It checks
/// every request as a peer does (<see cref="PeerChecks"/>) and runs a tiny key-value chaincode:
/// <list type="bullet">
/// <item><c>put k v</c>: writes, emits event <c>put</c> with payload k, returns v;</item>
/// <item><c>get k</c>: returns the committed value;</item>
/// <item><c>echo a b</c>: returns the arguments joined by a comma;</item>
/// <item><c>transient k</c>: returns transient value k;</item>
/// <item><c>fail msg</c>: the chaincode returns error msg (endorsement fails on two peers);</item>
/// <item><c>conflict</c>: endorses, but the commit is invalid with MVCC_READ_CONFLICT;</item>
/// <item><c>slow</c>: the peer waits until the call's deadline or cancellation;</item>
/// <item><c>slowcommit</c>: endorses, but CommitStatus waits until the deadline or cancellation.</item>
/// </list>
/// Submitted transactions wait in a pending block that is cut on the first CommitStatus request.
/// </summary>
internal sealed class GatewayPeer : IAsyncDisposable
{
    public const ulong FirstBlock = 5;

    private TestGrpcServer? _server;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, PreparedTx> _endorsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _state = new(StringComparer.Ordinal);
    private readonly List<PreparedTx> _pending = [];
    private readonly Dictionary<string, (ulong Block, PeerPb.TxValidationCode Code)> _committed = new(StringComparer.Ordinal);
    private readonly List<(ulong Number, List<PreparedTx> Transactions)> _blocks = [];
    private ulong _nextBlock = FirstBlock;

    /// <summary>Signals each call that reaches a slow handler (for cancellation tests).</summary>
    public event Action? SlowCallStarted;

    public int Port => (_server ?? throw new InvalidOperationException("Not started.")).Port;

    /// <summary>The last request of each kind, as received.</summary>
    public GatewayPb.EndorseRequest? LastEndorseRequest { get; private set; }

    public GatewayPb.EvaluateRequest? LastEvaluateRequest { get; private set; }

    public GatewayPb.ChaincodeEventsRequest? LastChaincodeEventsRequest { get; private set; }

    public void ResetLastRequests()
    {
        LastEndorseRequest = null;
        LastEvaluateRequest = null;
        LastChaincodeEventsRequest = null;
    }

    public static async Task<GatewayPeer> StartAsync(TestServerTls? tls = null)
    {
        var peer = new GatewayPeer();
        peer._server = await TestGrpcServer.StartAsync(new Service(peer), tls).ConfigureAwait(false);
        return peer;
    }

    /// <summary>The generated service base, answering from this peer.</summary>
    private sealed class Service(GatewayPeer peer) : GatewayPb.Gateway.GatewayBase
    {
        public override Task<GatewayPb.EvaluateResponse> Evaluate(GatewayPb.EvaluateRequest request, ServerCallContext context) => peer.EvaluateAsync(request, context);

        public override Task<GatewayPb.EndorseResponse> Endorse(GatewayPb.EndorseRequest request, ServerCallContext context) => peer.EndorseAsync(request, context);

        public override Task<GatewayPb.SubmitResponse> Submit(GatewayPb.SubmitRequest request, ServerCallContext context) => peer.SubmitAsync(request, context);

        public override Task<GatewayPb.CommitStatusResponse> CommitStatus(GatewayPb.SignedCommitStatusRequest request, ServerCallContext context) => peer.CommitStatusAsync(request, context);

        public override Task ChaincodeEvents(GatewayPb.SignedChaincodeEventsRequest request, IServerStreamWriter<GatewayPb.ChaincodeEventsResponse> responseStream, ServerCallContext context) =>
            peer.ChaincodeEventsAsync(request, responseStream, context);
    }

    private async Task<GatewayPb.EvaluateResponse> EvaluateAsync(GatewayPb.EvaluateRequest request, ServerCallContext context)
    {
        LastEvaluateRequest = request;
        var proposal = PeerChecks.CheckSignedProposal(request.ProposedTransaction, request.TransactionId, request.ChannelId);
        var execution = await ExecuteAsync(proposal, context).ConfigureAwait(false);
        return new GatewayPb.EvaluateResponse { Result = execution.Response };
    }

    private async Task<GatewayPb.EndorseResponse> EndorseAsync(GatewayPb.EndorseRequest request, ServerCallContext context)
    {
        LastEndorseRequest = request;
        var proposal = PeerChecks.CheckSignedProposal(request.ProposedTransaction, request.TransactionId, request.ChannelId);
        var execution = await ExecuteAsync(proposal, context).ConfigureAwait(false);
        var envelope = PreparedEnvelopes.Build(proposal, request.ProposedTransaction.ProposalBytes, execution.Response, execution.Event);
        _endorsed[request.TransactionId] = new PreparedTx(request.TransactionId, proposal.Invocation.ChaincodeSpec.ChaincodeId.Name, execution);
        // A Fabric peer answers with the prepared envelope only: the client reads the result out of it.
        return new GatewayPb.EndorseResponse { PreparedTransaction = envelope };
    }

    private Task<GatewayPb.SubmitResponse> SubmitAsync(GatewayPb.SubmitRequest request, ServerCallContext context)
    {
        PreparedEnvelopes.CheckSubmitted(request);

        if (!_endorsed.TryGetValue(request.TransactionId, out var prepared))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"transaction {request.TransactionId} was not endorsed here"));
        }

        lock (_lock)
        {
            if (_committed.ContainsKey(request.TransactionId) || _pending.Contains(prepared))
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"transaction {request.TransactionId} was already submitted"));
            }

            _pending.Add(prepared);
        }

        return Task.FromResult(new GatewayPb.SubmitResponse());
    }

    private async Task<GatewayPb.CommitStatusResponse> CommitStatusAsync(GatewayPb.SignedCommitStatusRequest signed, ServerCallContext context)
    {
        var request = PeerChecks.Parse(GatewayPb.CommitStatusRequest.Parser, signed.Request, "commit status request");
        var identity = PeerChecks.Parse(MspPb.SerializedIdentity.Parser, request.Identity, "identity");
        PeerChecks.VerifySignature(identity, signed.Request.Span, signed.Signature.Span);

        if (_endorsed.TryGetValue(request.TransactionId, out var prepared) && prepared.Execution.Function == "slowcommit")
        {
            await WaitForeverAsync(context).ConfigureAwait(false);
        }

        lock (_lock)
        {
            CutBlock();
            return _committed.TryGetValue(request.TransactionId, out var result)
                ? new GatewayPb.CommitStatusResponse { Result = result.Code, BlockNumber = result.Block }
                : throw new RpcException(new Status(StatusCode.NotFound, $"transaction {request.TransactionId} not found"));
        }
    }

    private async Task ChaincodeEventsAsync(GatewayPb.SignedChaincodeEventsRequest signed, IServerStreamWriter<GatewayPb.ChaincodeEventsResponse> stream, ServerCallContext context)
    {
        var request = PeerChecks.Parse(GatewayPb.ChaincodeEventsRequest.Parser, signed.Request, "chaincode events request");
        var identity = PeerChecks.Parse(MspPb.SerializedIdentity.Parser, request.Identity, "identity");
        PeerChecks.VerifySignature(identity, signed.Request.Span, signed.Signature.Span);
        LastChaincodeEventsRequest = request;

        List<GatewayPb.ChaincodeEventsResponse> responses = [];
        lock (_lock)
        {
            var start = request.StartPosition?.TypeCase switch
            {
                OrdererPb.SeekPosition.TypeOneofCase.Specified => request.StartPosition.Specified.Number,
                OrdererPb.SeekPosition.TypeOneofCase.Newest => _nextBlock,
                _ => throw PeerChecks.Invalid("unsupported start position"),
            };

            foreach (var (number, transactions) in _blocks.Where(b => b.Number >= start))
            {
                var response = new GatewayPb.ChaincodeEventsResponse { BlockNumber = number };
                var skipping = number == start && !string.IsNullOrEmpty(request.AfterTransactionId);
                foreach (var tx in transactions)
                {
                    if (skipping)
                    {
                        skipping = tx.TransactionId != request.AfterTransactionId;
                        continue;
                    }

                    if (tx.ChaincodeName == request.ChaincodeId && tx.Execution.Event is { } ev && _committed[tx.TransactionId].Code == PeerPb.TxValidationCode.Valid)
                    {
                        response.Events.Add(ev);
                    }
                }

                if (response.Events.Count > 0)
                {
                    responses.Add(response);
                }
            }
        }

        // A real peer would go on waiting for new blocks; this one ends the stream after the ledger's end.
        foreach (var response in responses)
        {
            await stream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Execution> ExecuteAsync(PeerChecks.CheckedProposal proposal, ServerCallContext context)
    {
        var args = proposal.Arguments;
        var function = proposal.Function;
        var chaincode = proposal.Invocation.ChaincodeSpec.ChaincodeId.Name;
        switch (function)
        {
            case "put":
                return new Execution(function, args[1], Key: args[0], Value: args[1], Event: new PeerPb.ChaincodeEvent
                {
                    ChaincodeId = chaincode,
                    TxId = proposal.ChannelHeader.TxId,
                    EventName = "put",
                    Payload = ByteString.CopyFromUtf8(args[0]),
                });
            case "get":
                lock (_lock)
                {
                    return new Execution(function, _state.GetValueOrDefault(args[0], string.Empty));
                }

            case "echo":
                return new Execution(function, string.Join(',', args));
            case "transient":
                return new Execution(function, proposal.Payload.TransientMap.TryGetValue(args[0], out var value) ? value.ToStringUtf8() : string.Empty);
            case "conflict":
            case "slowcommit":
                return new Execution(function, "ok");
            case "slow":
                await WaitForeverAsync(context).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable");
            case "fail":
                throw EndorsementFailure(args[0]);
            default:
                throw new RpcException(new Status(StatusCode.Unknown, $"unknown function {function}"));
        }
    }

    private async Task WaitForeverAsync(ServerCallContext context)
    {
        SlowCallStarted?.Invoke();

        // Bounded, so that a transport that never cancels fails the test instead of hanging it.
        await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken).ConfigureAwait(false);
        throw new RpcException(new Status(StatusCode.Internal, "the call was neither cancelled nor timed out"));
    }

    /// <summary>What Fabric's gateway sends when the chaincode fails: ABORTED with one detail per endorser.</summary>
    private static RpcException EndorsementFailure(string chaincodeMessage)
    {
        var details = new RpcPb.Status { Code = (int)StatusCode.Aborted, Message = "failed to endorse transaction, see attached details for more info" };
        details.Details.Add(Any.Pack(new GatewayPb.ErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = $"chaincode response 500, {chaincodeMessage}" }));
        details.Details.Add(Any.Pack(new GatewayPb.ErrorDetail { Address = "peer0.org2.example.com:9051", MspId = "Org2MSP", Message = $"chaincode response 500, {chaincodeMessage}" }));
        var trailers = new Metadata { { "grpc-status-details-bin", details.ToByteArray() } };
        return new RpcException(new Status(StatusCode.Aborted, details.Message), trailers);
    }

    private void CutBlock()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var number = _nextBlock++;
        foreach (var tx in _pending)
        {
            var code = tx.Execution.Function == "conflict" ? PeerPb.TxValidationCode.MvccReadConflict : PeerPb.TxValidationCode.Valid;
            _committed[tx.TransactionId] = (number, code);
            if (code == PeerPb.TxValidationCode.Valid && tx.Execution.Key is { } key)
            {
                _state[key] = tx.Execution.Value!;
            }
        }

        _blocks.Add((number, [.. _pending]));
        _pending.Clear();
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private sealed record Execution(string Function, string Result, string? Key = null, string? Value = null, PeerPb.ChaincodeEvent? Event = null)
    {
        public PeerPb.Response Response => new() { Status = 200, Payload = ByteString.CopyFromUtf8(Result) };
    }

    private sealed record PreparedTx(string TransactionId, string ChaincodeName, Execution Execution);
}
