using Google.Protobuf;
using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>
/// Access to the commit status of a submitted transaction. The status request is signed with the
/// gateway's signer when first sent, unless it was signed offline (<see cref="Gateway.NewSignedCommit"/>).
/// </summary>
public class Commit
{
    private readonly GatewayContext _context;
    private readonly GatewayPb.SignedCommitStatusRequest _signedRequest;

    internal Commit(GatewayContext context, string transactionId, GatewayPb.SignedCommitStatusRequest signedRequest)
    {
        _context = context;
        TransactionId = transactionId;
        _signedRequest = signedRequest;
    }

    internal Commit(GatewayContext context, string channelName, string transactionId)
        : this(context, transactionId, NewRequest(context, channelName, transactionId))
    {
    }

    /// <summary>The transaction id.</summary>
    public string TransactionId { get; }

    /// <summary>The serialized status request (a <c>gateway.SignedCommitStatusRequest</c>), for offline signing.</summary>
    public byte[] Bytes => _signedRequest.ToByteArray();

    /// <summary>The digest of the <c>gateway.CommitStatusRequest</c> bytes: what is signed.</summary>
    public byte[] Digest => _context.SigningIdentity.Digest(_signedRequest.Request.Span);

    /// <summary>
    /// Waits until the transaction is in a block and returns its validation result. An invalid
    /// transaction is a normal result here (<see cref="CommitStatus.Successful"/> false), not an exception.
    /// </summary>
    /// <exception cref="CommitStatusException">The status could not be read (e.g. the deadline passed).</exception>
    public async Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_signedRequest.Signature.IsEmpty)
        {
            var signature = await _context.SigningIdentity.SignAsync(Digest, cancellationToken).ConfigureAwait(false);
            _signedRequest.Signature = ByteString.CopyFrom(signature);
        }

        var response = await GatewayCalls.UnaryAsync(
            _context,
            (client, options) => client.CommitStatusAsync(_signedRequest, options),
            _context.Options.CommitStatusTimeout,
            "Commit status",
            TransactionId,
            (e, details) => new CommitStatusException(TransactionId, e, details),
            cancellationToken).ConfigureAwait(false);
        GatewayLog.CommitStatusReceived(_context.Logger, TransactionId, response.BlockNumber, response.Result);
        return new CommitStatus(TransactionId, response.Result, response.BlockNumber);
    }

    private static GatewayPb.SignedCommitStatusRequest NewRequest(GatewayContext context, string channelName, string transactionId) => new()
    {
        Request = new GatewayPb.CommitStatusRequest
        {
            TransactionId = transactionId,
            ChannelId = channelName,
            Identity = ByteString.CopyFrom(context.SigningIdentity.Creator),
        }.ToByteString(),
    };
}
