using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// Fabric's <c>gateway.Gateway</c> (Evaluate, Endorse, Submit, CommitStatus, ChaincodeEvents) over the embedded
/// ledger node, answering as a Fabric 2.5 peer's Gateway does
/// (internal/pkg/gateway): the same status codes and messages, chaincode errors as <c>ErrorDetail</c>s reading
/// "chaincode response NNN, message", the prepared envelope carrying the result. Submit orders and commits at
/// once (a block per transaction, in submission order, MVCC-validated), so commit status follows directly.
/// </summary>
internal sealed class GatewayService(LedgerNode node, ILogger<GatewayService> logger) : GatewayPb.Gateway.GatewayBase
{
    // The orderer's answer to an envelope its signer may not write (msgprocessor: the channel's Writers policy).
    private const string _forbidden = "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied";
    private const string _notReader = "failed evaluating policy on signed data during check policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]";

    public override async Task<GatewayPb.EvaluateResponse> Evaluate(GatewayPb.EvaluateRequest request, ServerCallContext context)
    {
        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(request.ProposedTransaction);
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"failed to unpack transaction proposal: {e.Message}"));
        }

        CheckServed(proposal, "evaluate");
        EndorsedProposal evaluated;
        try
        {
            evaluated = await node.Peer.EndorseAsync(proposal, context.CancellationToken);
        }
        catch (ProposalRejectedException e)
        {
            var message = Refused(proposal, e);
            throw Failure(StatusCode.FailedPrecondition, $"evaluate call to endorser returned error: {message}", message, context);
        }

        if (!IsSuccess(evaluated.Response))
        {
            var message = ChaincodeError(evaluated.Response);
            throw Failure(StatusCode.Unknown, $"evaluate call to endorser returned error: {message}", message, context);
        }

        return new GatewayPb.EvaluateResponse { Result = ToProto(evaluated.Response) };
    }

    public override async Task<GatewayPb.EndorseResponse> Endorse(GatewayPb.EndorseRequest request, ServerCallContext context)
    {
        if (request.ProposedTransaction is null || request.ProposedTransaction.ProposalBytes.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the proposed transaction must contain a signed proposal"));
        }

        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(request.ProposedTransaction);
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        CheckServed(proposal, "endorse");
        const string failed = "failed to endorse transaction, see attached details for more info";
        EndorsedProposal endorsed;
        try
        {
            endorsed = await node.Peer.EndorseAsync(proposal, context.CancellationToken);
        }
        catch (ProposalRejectedException e)
        {
            throw Failure(StatusCode.Aborted, failed, Refused(proposal, e), context);
        }

        if (!IsSuccess(endorsed.Response))
        {
            throw Failure(StatusCode.Aborted, failed, ChaincodeError(endorsed.Response), context);
        }

        var envelope = PreparedTransactions.Build(endorsed, node.Identity);
        node.Pending.Add(endorsed, envelope.Payload);
        return new GatewayPb.EndorseResponse { PreparedTransaction = envelope };
    }

    public override Task<GatewayPb.SubmitResponse> Submit(GatewayPb.SubmitRequest request, ServerCallContext context)
    {
        var envelope = request.PreparedTransaction ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "a prepared transaction is required"));
        if (envelope.Signature.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "prepared transaction must be signed"));
        }

        if (request.ChannelId != node.Options.Channel)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"channel {request.ChannelId} not found"));
        }

        CommonPb.ChannelHeader channelHeader;
        CommonPb.SignatureHeader signatureHeader;
        try
        {
            var payload = CommonPb.Payload.Parser.ParseFrom(envelope.Payload);
            channelHeader = CommonPb.ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty);
            signatureHeader = CommonPb.SignatureHeader.Parser.ParseFrom(payload.Header?.SignatureHeader ?? ByteString.Empty);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw OrdererRefused("BAD_REQUEST", $"bad payload: {e.Message}", request.TransactionId);
        }

        try
        {
            node.Peer.VerifySignature(signatureHeader.Creator, envelope.Payload.Span, envelope.Signature.Span);
        }
        catch (ProposalRejectedException e)
        {
            ServerLog.SubmitRefused(logger, channelHeader.TxId, e.InnerException?.Message ?? e.Message);
            throw OrdererRefused("FORBIDDEN", _forbidden, channelHeader.TxId);
        }

        var txId = channelHeader.TxId;
        if (channelHeader.ChannelId != request.ChannelId)
        {
            throw OrdererRefused("BAD_REQUEST", $"the transaction is for channel {channelHeader.ChannelId}, not {request.ChannelId}", txId);
        }

        // A repeated submission is ordered again on Fabric and invalidated as DUPLICATE_TXID; the id's status stays the first's.
        if (node.Peer.GetCommitStatus(txId) is not null)
        {
            return Task.FromResult(new GatewayPb.SubmitResponse());
        }

        switch (node.Pending.TryTake(txId, envelope.Payload, out var endorsed))
        {
            case TakeResult.Unknown:
                throw OrdererRefused("BAD_REQUEST", $"transaction {txId} was not endorsed by this node, or its endorsement expired: endorse it again", txId);
            case TakeResult.Differs:
                throw OrdererRefused("BAD_REQUEST", $"transaction {txId} differs from the one this node endorsed", txId);
        }

        TransactionResult result;
        try
        {
            result = node.Peer.Commit(endorsed!);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"no orderers could successfully process transaction: the block log could not be written ({e.Message})"));
        }

        ServerLog.Committed(logger, txId, result.BlockNumber ?? 0, result.ValidationCode ?? PeerPb.TxValidationCode.InvalidOtherReason);
        return Task.FromResult(new GatewayPb.SubmitResponse());
    }

    public override async Task<GatewayPb.CommitStatusResponse> CommitStatus(GatewayPb.SignedCommitStatusRequest request, ServerCallContext context)
    {
        if (request.Request.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a commit status request is required"));
        }

        GatewayPb.CommitStatusRequest statusRequest;
        try
        {
            statusRequest = GatewayPb.CommitStatusRequest.Parser.ParseFrom(request.Request);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid status request: {e.Message}"));
        }

        if (statusRequest.Identity.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "no identity provided"));
        }

        if (statusRequest.ChannelId.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "no channel ID provided"));
        }

        if (statusRequest.TransactionId.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "transaction ID should not be empty"));
        }

        try
        {
            node.Peer.VerifySignature(statusRequest.Identity, request.Request.Span, request.Signature.Span);
        }
        catch (ProposalRejectedException)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, _notReader));
        }

        if (statusRequest.ChannelId != node.Options.Channel)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"channel {statusRequest.ChannelId} not found"));
        }

        // As a peer: the status once a block holds the transaction, waiting for it until the caller gives up.
        var status = await node.Peer.WaitForCommitAsync(statusRequest.TransactionId, context.CancellationToken);
        return new GatewayPb.CommitStatusResponse { Result = status.ValidationCode, BlockNumber = status.BlockNumber };
    }

    public override Task ChaincodeEvents(GatewayPb.SignedChaincodeEventsRequest request, IServerStreamWriter<GatewayPb.ChaincodeEventsResponse> responseStream, ServerCallContext context) =>
        ChaincodeEventsStream.RunAsync(node, request, responseStream, context.CancellationToken);

    private static bool IsSuccess(ChaincodeResponse response) => response.Status is >= 200 and < 400;

    private static string ChaincodeError(ChaincodeResponse response) => $"chaincode response {response.Status}, {response.Message}";

    private static PeerPb.Response ToProto(ChaincodeResponse response) => new()
    {
        Status = response.Status,
        Message = response.Message ?? string.Empty,
        Payload = ByteString.CopyFrom(response.Payload),
    };

    // What the gateway's plan would fail on: a channel or chaincode this node does not serve.
    private void CheckServed(UnpackedProposal proposal, string what)
    {
        if (proposal.ChannelId != node.Options.Channel || proposal.ChaincodeName != node.Options.Chaincode)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"no peers available to {what} chaincode {proposal.ChaincodeName} in channel {proposal.ChannelId}"));
        }
    }

    // The endorser's words (the precise reason stays in this node's log, as on a peer).
    private string Refused(UnpackedProposal proposal, ProposalRejectedException e)
    {
        ServerLog.ProposalRefused(logger, proposal.TxId, e.InnerException?.Message ?? e.Message);
        return $"error validating proposal: {e.Message}";
    }

    private RpcException Failure(StatusCode code, string message, string detail, ServerCallContext context)
    {
        var status = new RpcPb.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new GatewayPb.ErrorDetail { Address = Address(context), MspId = node.Options.MspId, Message = detail }));
        return new RpcException(new Status(code, message), new Metadata { { "grpc-status-details-bin", status.ToByteArray() } });
    }

    private RpcException OrdererRefused(string status, string info, string txId)
    {
        ServerLog.SubmitRefused(logger, txId, $"{status}: {info}");
        return new RpcException(new Status(StatusCode.Aborted, $"received unsuccessful response from orderer: status={status}, info={info}"));
    }

    private static string Address(ServerCallContext context) =>
        context.GetHttpContext().Connection is { LocalIpAddress: { } ip, LocalPort: var port } ? $"{ip}:{port}" : "127.0.0.1";
}
