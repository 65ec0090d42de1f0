using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.FabricTestPeer;

/// <summary>
/// A Fabric peer for tests, speaking <c>gateway.Gateway</c> on Grpc.AspNetCore (<see cref="TestGrpcServer"/>): it checks
/// each request as a peer does (<see cref="PeerChecks"/>), endorses by running a real
/// <see cref="IChaincode"/> on an <see cref="InMemoryLedger"/>, and commits each submitted transaction in
/// a block of its own with MVCC validation. Submitters must be known <see cref="TestIdentity"/>s, as
/// a channel admits only its members' certificates.
/// </summary>
public sealed class ChaincodeGatewayPeer : IAsyncDisposable
{
    private const string _peerAddress = "peer0.test.local:7051";

    private TestGrpcServer? _server;
    private readonly IChaincode _chaincode;
    private readonly string _mspId;
    private readonly Dictionary<ByteString, TestIdentity> _members;
    private readonly ConcurrentDictionary<string, SimulatedTransaction> _endorsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TransactionResult> _committed = new(StringComparer.Ordinal);
    private readonly Lock _commitLock = new();
    private readonly ConcurrentDictionary<string, X509Certificate2> _issuers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ByteString, TestIdentity> _admitted = new();

    private ChaincodeGatewayPeer(IChaincode chaincode, string chaincodeName, string mspId, IEnumerable<TestIdentity> members)
    {
        _chaincode = chaincode;
        _mspId = mspId;
        _members = members.ToDictionary(m => ByteString.CopyFrom(m.SerializedIdentity));
        Ledger = new InMemoryLedger(ChannelName);
        Tester = new ChaincodeTester(Ledger, chaincodeName);
    }

    /// <summary>The channel this peer serves.</summary>
    public const string ChannelName = "medchain";

    /// <summary>The ledger the chaincode runs on.</summary>
    public InMemoryLedger Ledger { get; }

    /// <summary>Runs and commits transactions on <see cref="Ledger"/>; tests may use it to seed state.</summary>
    public ChaincodeTester Tester { get; }

    /// <summary>The bound port.</summary>
    public int Port => (_server ?? throw new InvalidOperationException("Not started.")).Port;

    /// <summary>The cleartext address clients connect to.</summary>
    public string Address => (_server ?? throw new InvalidOperationException("Not started.")).Address;

    /// <summary>Starts a peer for <paramref name="chaincode"/> named <paramref name="chaincodeName"/>.</summary>
    public static async Task<ChaincodeGatewayPeer> StartAsync(IChaincode chaincode, string chaincodeName, string mspId, IEnumerable<TestIdentity> members, TestServerTls? tls = null)
    {
        var peer = new ChaincodeGatewayPeer(chaincode, chaincodeName, mspId, members);
        peer._server = await TestGrpcServer.StartAsync(new Service(peer), tls).ConfigureAwait(false);
        return peer;
    }

    /// <summary>
    /// Admits, besides the listed members, any submitter of <paramref name="mspId"/> whose certificate
    /// <paramref name="certificateAuthority"/> issued, as an MSP admits its CA's enrolments.
    /// </summary>
    public void AdmitIssuedBy(string mspId, X509Certificate2 certificateAuthority) => _issuers[mspId] = certificateAuthority;

    public ValueTask DisposeAsync()
    {
        foreach (var identity in _admitted.Values)
        {
            identity.Dispose();
        }

        return _server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>The generated service base, answering from this peer.</summary>
    private sealed class Service(ChaincodeGatewayPeer peer) : GatewayPb.Gateway.GatewayBase
    {
        public override Task<GatewayPb.EvaluateResponse> Evaluate(GatewayPb.EvaluateRequest request, ServerCallContext context) => peer.EvaluateAsync(request, context);

        public override Task<GatewayPb.EndorseResponse> Endorse(GatewayPb.EndorseRequest request, ServerCallContext context) => peer.EndorseAsync(request, context);

        public override Task<GatewayPb.SubmitResponse> Submit(GatewayPb.SubmitRequest request, ServerCallContext context) => peer.SubmitAsync(request, context);

        public override Task<GatewayPb.CommitStatusResponse> CommitStatus(GatewayPb.SignedCommitStatusRequest request, ServerCallContext context) => peer.CommitStatusAsync(request, context);
    }

    private async Task<GatewayPb.EvaluateResponse> EvaluateAsync(GatewayPb.EvaluateRequest request, ServerCallContext context)
    {
        var simulated = await SimulateAsync(request.ProposedTransaction, request.TransactionId, request.ChannelId, context).ConfigureAwait(false);
        return simulated.Response.IsSuccess
            ? new GatewayPb.EvaluateResponse { Result = ToProto(simulated.Response) }
            : throw Failure(StatusCode.Unknown, "evaluate call to endorser returned error", simulated.Response);
    }

    private async Task<GatewayPb.EndorseResponse> EndorseAsync(GatewayPb.EndorseRequest request, ServerCallContext context)
    {
        var simulated = await SimulateAsync(request.ProposedTransaction, request.TransactionId, request.ChannelId, context).ConfigureAwait(false);
        if (!simulated.Response.IsSuccess)
        {
            throw Failure(StatusCode.Aborted, "failed to endorse transaction, see attached details for more info", simulated.Response);
        }

        _endorsed[request.TransactionId] = simulated;
        var proposal = PeerChecks.CheckSignedProposal(request.ProposedTransaction, request.TransactionId, request.ChannelId);
        // As a Fabric peer: only the envelope; the client reads the result from it.
        return new GatewayPb.EndorseResponse { PreparedTransaction = PreparedEnvelopes.Build(proposal, request.ProposedTransaction.ProposalBytes, ToProto(simulated.Response), simulated.Event) };
    }

    private Task<GatewayPb.SubmitResponse> SubmitAsync(GatewayPb.SubmitRequest request, ServerCallContext context)
    {
        PreparedEnvelopes.CheckSubmitted(request);

        if (!_endorsed.TryRemove(request.TransactionId, out var simulated))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"transaction {request.TransactionId} was not endorsed here or was already submitted"));
        }

        // Ordering and validation in one step: each submitted transaction is a block of its own.
        lock (_commitLock)
        {
            _committed[request.TransactionId] = Tester.Commit(simulated);
        }

        return Task.FromResult(new GatewayPb.SubmitResponse());
    }

    private Task<GatewayPb.CommitStatusResponse> CommitStatusAsync(GatewayPb.SignedCommitStatusRequest signed, ServerCallContext context)
    {
        var request = PeerChecks.Parse(GatewayPb.CommitStatusRequest.Parser, signed.Request, "commit status request");
        var identity = PeerChecks.Parse(MspPb.SerializedIdentity.Parser, request.Identity, "identity");
        PeerChecks.VerifySignature(identity, signed.Request.Span, signed.Signature.Span);
        return _committed.TryGetValue(request.TransactionId, out var result)
            ? Task.FromResult(new GatewayPb.CommitStatusResponse { Result = result.ValidationCode ?? PeerPb.TxValidationCode.InvalidOtherReason, BlockNumber = result.BlockNumber ?? 0 })
            : throw new RpcException(new Status(StatusCode.NotFound, $"transaction {request.TransactionId} not found"));
    }

    private async Task<SimulatedTransaction> SimulateAsync(PeerPb.SignedProposal? signed, string transactionId, string channelId, ServerCallContext context)
    {
        var proposal = PeerChecks.CheckSignedProposal(signed, transactionId, channelId);
        if (channelId != ChannelName)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"channel '{channelId}' not found"));
        }

        if (!_members.TryGetValue(proposal.SignatureHeader.Creator, out var submitter) && !TryAdmit(proposal.SignatureHeader.Creator, out submitter))
        {
            throw PeerChecks.Denied("the creator's certificate is not a member of this channel");
        }

        var args = proposal.Invocation.ChaincodeSpec.Input.Args.Select(a => a.ToStringUtf8()).ToList();
        var options = new TransactionOptions
        {
            TxId = proposal.ChannelHeader.TxId,
            TransientMap = proposal.Payload.TransientMap.ToDictionary(e => e.Key, e => e.Value.ToByteArray(), StringComparer.Ordinal),
        };
        return await Tester.SimulateAsync(_chaincode, args, submitter, proposal.ChannelHeader.Timestamp.ToDateTimeOffset(), options, context.CancellationToken).ConfigureAwait(false);
    }

    private bool TryAdmit(ByteString creator, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TestIdentity? submitter)
    {
        if (_admitted.TryGetValue(creator, out submitter))
        {
            return true;
        }

        var identity = MspPb.SerializedIdentity.Parser.ParseFrom(creator);
        if (!_issuers.TryGetValue(identity.Mspid, out var ca))
        {
            return false;
        }

        var certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            certificate.Dispose();
            return false;
        }

        submitter = _admitted.GetOrAdd(creator, _ => TestIdentity.FromCertificate(identity.Mspid, certificate));
        return true;
    }

    /// <summary>How Fabric's gateway reports a chaincode error: the status, one detail per endorser with "chaincode response N, message".</summary>
    private RpcException Failure(StatusCode code, string message, ChaincodeResponse response)
    {
        var status = new RpcPb.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new GatewayPb.ErrorDetail
        {
            Address = _peerAddress,
            MspId = _mspId,
            Message = $"chaincode response {response.Status}, {response.Message}",
        }));
        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        return new RpcException(new Status(code, message), trailers);
    }

    private static PeerPb.Response ToProto(ChaincodeResponse response) => new()
    {
        Status = response.Status,
        Message = response.Message,
        Payload = ByteString.CopyFrom(response.Payload),
    };

}
