using Google.Protobuf;
using Grpc.Core;
using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>
/// A transaction proposal: built by <see cref="Contract.NewProposal"/>, then evaluated or endorsed.
/// Signed with the gateway's signer when first sent, unless it was signed offline
/// (<see cref="Gateway.NewSignedProposal"/>).
/// </summary>
public sealed class Proposal
{
    private readonly GatewayContext _context;
    private readonly GatewayPb.ProposedTransaction _proposed;

    internal Proposal(GatewayContext context, string channelName, GatewayPb.ProposedTransaction proposed)
    {
        _context = context;
        ChannelName = channelName;
        _proposed = proposed;
    }

    /// <summary>The transaction id: hex(SHA-256(nonce ‖ creator)).</summary>
    public string TransactionId => _proposed.TransactionId;

    /// <summary>The channel the proposal is for.</summary>
    public string ChannelName { get; }

    /// <summary>The serialized proposal (a <c>gateway.ProposedTransaction</c>), for offline signing.</summary>
    public byte[] Bytes => _proposed.ToByteArray();

    /// <summary>The digest of the <c>protos.Proposal</c> bytes: what is signed.</summary>
    public byte[] Digest => _context.SigningIdentity.Digest(_proposed.Proposal.ProposalBytes.Span);

    /// <summary>Runs the proposal on a peer without recording it and returns the chaincode's result.</summary>
    /// <exception cref="GatewayException">The evaluation failed; details hold the peers' errors.</exception>
    public async Task<byte[]> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await SignAsync(cancellationToken).ConfigureAwait(false);
        var request = new GatewayPb.EvaluateRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            ProposedTransaction = _proposed.Proposal,
        };
        request.TargetOrganizations.AddRange(_proposed.EndorsingOrganizations);

        var response = await GatewayCalls.UnaryAsync(
            _context,
            (client, options) => client.EvaluateAsync(request, options),
            _context.Options.EvaluateTimeout,
            "Evaluate",
            TransactionId,
            (e, details) => GatewayException.FromRpc("Evaluate", TransactionId, e, details),
            cancellationToken).ConfigureAwait(false);
        return response.Result?.Payload.ToByteArray() ?? [];
    }

    /// <summary>Has the proposal endorsed and returns the transaction to submit.</summary>
    /// <exception cref="EndorseException">Endorsement failed; details hold each peer's error.</exception>
    public async Task<Transaction> EndorseAsync(CancellationToken cancellationToken = default)
    {
        await SignAsync(cancellationToken).ConfigureAwait(false);
        var request = new GatewayPb.EndorseRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            ProposedTransaction = _proposed.Proposal,
        };
        request.EndorsingOrganizations.AddRange(_proposed.EndorsingOrganizations);

        var response = await GatewayCalls.UnaryAsync(
            _context,
            (client, options) => client.EndorseAsync(request, options),
            _context.Options.EndorseTimeout,
            "Endorse",
            TransactionId,
            (e, details) => new EndorseException(TransactionId, e, details),
            cancellationToken).ConfigureAwait(false);
        GatewayLog.Endorsed(_context.Logger, TransactionId, ChannelName);

        var prepared = new GatewayPb.PreparedTransaction
        {
            TransactionId = TransactionId,
            Envelope = response.PreparedTransaction ?? throw new EndorseException(TransactionId, new RpcException(new Status(StatusCode.Internal, "The endorse response has no prepared transaction.")), []),
        };
        return Transaction.FromPrepared(_context, prepared);
    }

    private async ValueTask SignAsync(CancellationToken cancellationToken)
    {
        if (_proposed.Proposal.Signature.IsEmpty)
        {
            var signature = await _context.SigningIdentity.SignAsync(Digest, cancellationToken).ConfigureAwait(false);
            _proposed.Proposal.Signature = ByteString.CopyFrom(signature);
        }
    }
}
