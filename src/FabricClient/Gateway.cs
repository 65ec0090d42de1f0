using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MedChain.FabricClient.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedChain.FabricClient;

/// <summary>
/// A connection to a Fabric Gateway peer as one client identity. Thread-safe. The gRPC connection
/// (a <see cref="GrpcChannel"/> or any <see cref="CallInvoker"/>) belongs to the caller, who may share it
/// between gateways and disposes it, as fabric-gateway's clients take a connection they do not own.
/// </summary>
public sealed class Gateway
{
    private readonly GatewayContext _context;

    private Gateway(GatewayContext context)
    {
        _context = context;
    }

    /// <summary>The client identity that signs everything this gateway sends.</summary>
    public Identity Identity => _context.SigningIdentity.Identity;

    /// <summary>Connects through <paramref name="channel"/> as <paramref name="identity"/>, signing with <paramref name="signer"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static Gateway Connect(Identity identity, ISigner signer, ChannelBase channel, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Connect(identity, signer, channel.CreateCallInvoker(), options);
    }

    /// <summary>
    /// Connects through <paramref name="callInvoker"/> (e.g. a channel with interceptors) as <paramref name="identity"/>,
    /// signing with <paramref name="signer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static Gateway Connect(Identity identity, ISigner signer, CallInvoker callInvoker, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(signer);
        options ??= new GatewayOptions();
        options.Validate();
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Gateway>();
        return new Gateway(new GatewayContext(callInvoker, new SigningIdentity(identity, signer, options.Hash), options, logger));
    }

    /// <summary>The network (channel) <paramref name="channelName"/>.</summary>
    public Network GetNetwork(string channelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        return new Network(_context, channelName);
    }

    /// <summary>
    /// A proposal from bytes of <see cref="Proposal.Bytes"/> and a signature of its <see cref="Proposal.Digest"/>
    /// made elsewhere (offline signing).
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not a proposal.</exception>
    public Proposal NewSignedProposal(byte[] proposalBytes, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(proposalBytes);
        ArgumentNullException.ThrowIfNull(signature);
        var proposed = Parse(GatewayPb.ProposedTransaction.Parser, proposalBytes, nameof(proposalBytes));
        var header = Parse(CommonPb.Header.Parser, Parse(PeerPb.Proposal.Parser, proposed.Proposal.ProposalBytes.ToByteArray(), nameof(proposalBytes)).Header.ToByteArray(), nameof(proposalBytes));
        var channelHeader = Parse(CommonPb.ChannelHeader.Parser, header.ChannelHeader.ToByteArray(), nameof(proposalBytes));
        proposed.Proposal.Signature = ByteString.CopyFrom(signature);
        return new Proposal(_context, channelHeader.ChannelId, proposed);
    }

    /// <summary>A transaction from bytes of <see cref="Transaction.Bytes"/> and a signature of its <see cref="Transaction.Digest"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a prepared transaction.</exception>
    public Transaction NewSignedTransaction(byte[] transactionBytes, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(transactionBytes);
        ArgumentNullException.ThrowIfNull(signature);
        var prepared = Parse(GatewayPb.PreparedTransaction.Parser, transactionBytes, nameof(transactionBytes));
        prepared.Envelope.Signature = ByteString.CopyFrom(signature);
        return Transaction.FromPrepared(_context, prepared);
    }

    /// <summary>A commit from bytes of <see cref="Commit.Bytes"/> and a signature of its <see cref="Commit.Digest"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a commit status request.</exception>
    public Commit NewSignedCommit(byte[] commitBytes, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(commitBytes);
        ArgumentNullException.ThrowIfNull(signature);
        var signed = Parse(GatewayPb.SignedCommitStatusRequest.Parser, commitBytes, nameof(commitBytes));
        var request = Parse(GatewayPb.CommitStatusRequest.Parser, signed.Request.ToByteArray(), nameof(commitBytes));
        signed.Signature = ByteString.CopyFrom(signature);
        return new Commit(_context, request.TransactionId, signed);
    }

    private static T Parse<T>(MessageParser<T> parser, byte[] bytes, string parameter)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException($"The bytes are not a {typeof(T).Name}: {e.Message}", parameter, e);
        }
    }
}
