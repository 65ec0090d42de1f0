using Google.Protobuf;
using Grpc.Core;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// Fabric's ChaincodeEvents call over the node: the events of one chaincode's valid transactions, one response
/// per block that has some, in block order, from the requested start (the next commit by default or for "newest", a block number,
/// or just after a transaction), then each new block's as it commits, until the caller cancels.
/// </summary>
internal static class ChaincodeEventsStream
{
    private const string _notReader = "failed evaluating policy on signed data during check policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]";

    public static async Task RunAsync(LedgerNode node, GatewayPb.SignedChaincodeEventsRequest signed, IServerStreamWriter<GatewayPb.ChaincodeEventsResponse> stream, CancellationToken cancellationToken)
    {
        if (signed.Request.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a chaincode events request is required"));
        }

        GatewayPb.ChaincodeEventsRequest request;
        try
        {
            request = GatewayPb.ChaincodeEventsRequest.Parser.ParseFrom(signed.Request);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid chaincode events request: {e.Message}"));
        }

        try
        {
            node.Peer.VerifySignature(request.Identity, signed.Request.Span, signed.Signature.Span);
        }
        catch (ProposalRejectedException)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, _notReader));
        }

        if (request.ChannelId != node.Options.Channel)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"channel {request.ChannelId} not found"));
        }

        var peer = node.Peer;
        var (next, after) = Start(peer, request);
        while (true)
        {
            // Taken before reading, so a block committed meanwhile wakes the wait below.
            var committed = peer.BlockCommitted;
            var height = peer.Ledger.Height;
            var blocks = peer.GetChaincodeEvents(next)
                .Where(e => e.BlockNumber < height && e.ChaincodeName == request.ChaincodeId)
                .GroupBy(e => e.BlockNumber);
            foreach (var block in blocks)
            {
                var response = new GatewayPb.ChaincodeEventsResponse { BlockNumber = block.Key };
                foreach (var e in block)
                {
                    if (after is not null)
                    {
                        // Fabric skips events up to and including the given transaction's.
                        after = e.TransactionId == after ? null : after;
                        continue;
                    }

                    response.Events.Add(new PeerPb.ChaincodeEvent { ChaincodeId = e.ChaincodeName, TxId = e.TransactionId, EventName = e.EventName, Payload = ByteString.CopyFrom(e.Payload) });
                }

                if (response.Events.Count > 0)
                {
                    await stream.WriteAsync(response, cancellationToken);
                }
            }

            next = Math.Max(next, height);
            await committed.WaitAsync(cancellationToken);
        }
    }

    private static (ulong Next, string? After) Start(EmbeddedPeer peer, GatewayPb.ChaincodeEventsRequest request)
    {
        if (request.AfterTransactionId.Length > 0 && peer.GetCommitStatus(request.AfterTransactionId) is { } status)
        {
            return (status.BlockNumber, request.AfterTransactionId);
        }

        return request.StartPosition?.TypeCase switch
        {
            null or OrdererPb.SeekPosition.TypeOneofCase.None or OrdererPb.SeekPosition.TypeOneofCase.Newest => (peer.Ledger.Height, null),
            OrdererPb.SeekPosition.TypeOneofCase.Specified => (request.StartPosition.Specified.Number, null),
            var other => throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid start position type: {other}")),
        };
    }
}
