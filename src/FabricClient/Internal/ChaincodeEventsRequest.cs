using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;

namespace MedChain.FabricClient.Internal;

/// <summary>A signed request for a chaincode's events and the stream that answers it.</summary>
internal sealed class ChaincodeEventsRequest
{
    private readonly GatewayContext _context;
    private readonly GatewayPb.SignedChaincodeEventsRequest _signedRequest;
    private readonly string _channelName;
    private readonly string _chaincodeName;
    private readonly string _startDescription;

    private ChaincodeEventsRequest(GatewayContext context, string channelName, string chaincodeName, GatewayPb.ChaincodeEventsRequest request, string startDescription)
    {
        _context = context;
        _channelName = channelName;
        _chaincodeName = chaincodeName;
        _startDescription = startDescription;
        _signedRequest = new GatewayPb.SignedChaincodeEventsRequest { Request = request.ToByteString() };
    }

    public static ChaincodeEventsRequest Create(GatewayContext context, string channelName, string chaincodeName, ChaincodeEventsOptions options)
    {
        var request = new GatewayPb.ChaincodeEventsRequest
        {
            ChannelId = channelName,
            ChaincodeId = chaincodeName,
            Identity = ByteString.CopyFrom(context.SigningIdentity.Creator),
        };

        // A checkpoint wins over a start block, as in Fabric's SDKs; with neither, the peer starts at the next block.
        string start;
        if (options.Checkpoint?.BlockNumber is { } checkpointBlock)
        {
            request.StartPosition = Specified(checkpointBlock);
            request.AfterTransactionId = options.Checkpoint.TransactionId ?? string.Empty;
            start = $"checkpoint block {checkpointBlock} after transaction '{request.AfterTransactionId}'";
        }
        else if (options.StartBlock is { } startBlock)
        {
            request.StartPosition = Specified(startBlock);
            start = $"block {startBlock}";
        }
        else
        {
            request.StartPosition = new OrdererPb.SeekPosition { Newest = new OrdererPb.SeekNewest() };
            start = "the newest block";
        }

        return new ChaincodeEventsRequest(context, channelName, chaincodeName, request, start);
    }

    public async IAsyncEnumerable<ChaincodeEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var digest = _context.SigningIdentity.Digest(_signedRequest.Request.Span);
        var signature = await _context.SigningIdentity.SignAsync(digest, cancellationToken).ConfigureAwait(false);
        _signedRequest.Signature = ByteString.CopyFrom(signature);

        GatewayLog.ChaincodeEventsStarted(_context.Logger, _chaincodeName, _channelName, _startDescription);
        using var call = _context.Client.ChaincodeEvents(_signedRequest, new CallOptions(cancellationToken: cancellationToken));
        while (true)
        {
            GatewayPb.ChaincodeEventsResponse response;
            try
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                response = call.ResponseStream.Current;
            }
            catch (RpcException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("Reading chaincode events was cancelled.", e, cancellationToken);
            }
            catch (RpcException raw)
            {
                var e = GatewayCalls.Classify(raw);
                GatewayLog.CallFailed(_context.Logger, "Chaincode events", null, e.StatusCode, e.Status.Detail);
                throw GatewayException.FromRpc("Chaincode events", null, e, GatewayCalls.ParseDetails(e.Trailers));
            }

            foreach (var chaincodeEvent in response.Events)
            {
                yield return new ChaincodeEvent(
                    response.BlockNumber,
                    chaincodeEvent.TxId,
                    chaincodeEvent.ChaincodeId,
                    chaincodeEvent.EventName,
                    chaincodeEvent.Payload.ToByteArray());
            }
        }
    }

    private static OrdererPb.SeekPosition Specified(ulong blockNumber) =>
        new() { Specified = new OrdererPb.SeekSpecified { Number = blockNumber } };
}
