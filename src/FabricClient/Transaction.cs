using Google.Protobuf;
using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>
/// An endorsed transaction, ready to submit for ordering. Its envelope is signed with the gateway's
/// signer on submit, unless it was signed offline (<see cref="Gateway.NewSignedTransaction"/>).
/// </summary>
public sealed class Transaction
{
    private readonly GatewayContext _context;
    private readonly GatewayPb.PreparedTransaction _prepared;

    private Transaction(GatewayContext context, string channelName, GatewayPb.PreparedTransaction prepared, byte[] result)
    {
        _context = context;
        ChannelName = channelName;
        _prepared = prepared;
        Result = result;
    }

    /// <summary>The transaction id.</summary>
    public string TransactionId => _prepared.TransactionId;

    /// <summary>The channel the transaction is for.</summary>
    public string ChannelName { get; }

    /// <summary>The chaincode's result, as endorsed.</summary>
    public byte[] Result { get; }

    /// <summary>The serialized transaction (a <c>gateway.PreparedTransaction</c>), for offline signing.</summary>
    public byte[] Bytes => _prepared.ToByteArray();

    /// <summary>The digest of the envelope's payload: what is signed.</summary>
    public byte[] Digest => _context.SigningIdentity.Digest(_prepared.Envelope.Payload.Span);

    internal static Transaction FromPrepared(GatewayContext context, GatewayPb.PreparedTransaction prepared)
    {
        if (prepared.Envelope is null)
        {
            throw new ArgumentException($"Transaction {prepared.TransactionId} has no envelope.", nameof(prepared));
        }

        string? channelName;
        try
        {
            channelName = TransactionParser.ChannelId(prepared.Envelope);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"Transaction {prepared.TransactionId} has no readable envelope: {e.Message}", nameof(prepared), e);
        }

        if (string.IsNullOrEmpty(channelName))
        {
            throw new ArgumentException($"Transaction {prepared.TransactionId} names no channel in its envelope.", nameof(prepared));
        }

        var result = TransactionParser.Result(prepared.Envelope) ?? prepared.Result?.Payload.ToByteArray() ?? [];
        return new Transaction(context, channelName, prepared, result);
    }

    /// <summary>Submits the transaction for ordering; returns without waiting for its commit.</summary>
    /// <exception cref="SubmitException">The gateway or orderer did not accept it.</exception>
    public async Task<SubmittedTransaction> SubmitAsync(CancellationToken cancellationToken = default)
    {
        if (_prepared.Envelope.Signature.IsEmpty)
        {
            var signature = await _context.SigningIdentity.SignAsync(Digest, cancellationToken).ConfigureAwait(false);
            _prepared.Envelope.Signature = ByteString.CopyFrom(signature);
        }

        var request = new GatewayPb.SubmitRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            PreparedTransaction = _prepared.Envelope,
        };
        await GatewayCalls.UnaryAsync(
            _context,
            (client, options) => client.SubmitAsync(request, options),
            _context.Options.SubmitTimeout,
            "Submit",
            TransactionId,
            (e, details) => new SubmitException(TransactionId, e, details),
            cancellationToken).ConfigureAwait(false);
        GatewayLog.Submitted(_context.Logger, TransactionId, ChannelName);

        return new SubmittedTransaction(_context, ChannelName, TransactionId, Result);
    }
}
