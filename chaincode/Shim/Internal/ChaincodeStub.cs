using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MedChain.Shim.Internal;

/// <summary>
/// The stub of one INIT/TRANSACTION: what the message and its signed proposal say about the
/// transaction (this file), and the ledger calls sent to the peer over the handler's stream
/// (ChaincodeStub.Ledger.cs). Calls of one transaction go out one at a time, because the peer
/// matches replies by transaction id only.
/// </summary>
internal sealed partial class ChaincodeStub : IChaincodeStub, IDisposable
{
    private readonly ChaincodeHandler _handler;
    private readonly SemaphoreSlim _callLock = new(1, 1);
    private readonly Timestamp _txTimestamp;

    private ChaincodeStub(
        ChaincodeHandler handler,
        string channelId,
        string txId,
        PeerPb.ChaincodeInput input,
        PeerPb.SignedProposal? signedProposal,
        byte[] creator,
        byte[] binding,
        IReadOnlyDictionary<string, byte[]> transientMap,
        Timestamp txTimestamp)
    {
        _handler = handler;
        ChannelId = channelId;
        TxId = txId;
        Args = input.Args.Select(a => a.ToByteArray()).ToArray();
        StringArgs = input.Args.Select(a => a.ToStringUtf8()).ToArray();
        Decorations = input.Decorations.ToDictionary(d => d.Key, d => d.Value.ToByteArray(), StringComparer.Ordinal);
        SignedProposal = signedProposal;
        Creator = creator;
        Binding = binding;
        TransientMap = transientMap;
        _txTimestamp = txTimestamp;
    }

    public string TxId { get; }

    public string ChannelId { get; }

    public IReadOnlyList<byte[]> Args { get; }

    public IReadOnlyList<string> StringArgs { get; }

    public IReadOnlyDictionary<string, byte[]> TransientMap { get; }

    public PeerPb.SignedProposal? SignedProposal { get; }

    public byte[] Creator { get; }

    public byte[] Binding { get; }

    public IReadOnlyDictionary<string, byte[]> Decorations { get; }

    public DateTimeOffset TxTimestamp => _txTimestamp.ToDateTimeOffset();

    public PeerPb.ChaincodeEvent? ChaincodeEvent { get; private set; }

    /// <summary>
    /// Builds the stub from a TRANSACTION/INIT message, reading creator, transient map, timestamp and
    /// binding out of SignedProposal → Proposal → Header → ChannelHeader/SignatureHeader as Fabric's shims do.
    /// </summary>
    public static ChaincodeStub Create(ChaincodeHandler handler, string channelId, string txId, PeerPb.ChaincodeInput input, PeerPb.SignedProposal? signedProposal)
    {
        if (signedProposal is null)
        {
            return new ChaincodeStub(handler, channelId, txId, input, null, [], [], new Dictionary<string, byte[]>(), new Timestamp());
        }

        try
        {
            var proposal = PeerPb.Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
            if (proposal.Header.IsEmpty)
            {
                throw new InvalidProposalException("failed to extract Proposal fields: proposal header is nil");
            }

            var header = CommonPb.Header.Parser.ParseFrom(proposal.Header);
            var channelHeader = CommonPb.ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            var headerType = (CommonPb.HeaderType)channelHeader.Type;
            if (headerType is not CommonPb.HeaderType.EndorserTransaction and not CommonPb.HeaderType.Config)
            {
                throw new InvalidProposalException($"invalid channel header type. Expected ENDORSER_TRANSACTION or CONFIG, received {headerType}");
            }

            var signatureHeader = CommonPb.SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            var payload = PeerPb.ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            var creator = signatureHeader.Creator.ToByteArray();
            var transient = payload.TransientMap.ToDictionary(t => t.Key, t => t.Value.ToByteArray(), StringComparer.Ordinal);
            var binding = ComputeBinding(signatureHeader.Nonce.Span, creator, channelHeader.Epoch);
            return new ChaincodeStub(handler, channelId, txId, input, signedProposal, creator, binding, transient, channelHeader.Timestamp ?? new Timestamp());
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidProposalException($"failed to extract Proposal from SignedProposal: {ex.Message}", ex);
        }
    }

    /// <summary>Fabric's proposal binding: SHA-256(nonce ‖ creator ‖ epoch as little-endian uint64).</summary>
    public static byte[] ComputeBinding(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator, ulong epoch)
    {
        var buffer = new byte[nonce.Length + creator.Length + sizeof(ulong)];
        nonce.CopyTo(buffer);
        creator.CopyTo(buffer.AsSpan(nonce.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(nonce.Length + creator.Length), epoch);
        return SHA256.HashData(buffer);
    }

    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() =>
        StringArgs.Count == 0 ? (string.Empty, []) : (StringArgs[0], StringArgs.Skip(1).ToArray());

    public Timestamp GetTxTimestamp() => _txTimestamp.Clone();

    public string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes) => CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    public void SetEvent(string name, byte[] payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(payload);
        ChaincodeEvent = new PeerPb.ChaincodeEvent { EventName = name, Payload = ByteString.CopyFrom(payload) };
    }

    /// <summary>One state call to the peer for this transaction; the RESPONSE payload.</summary>
    internal async Task<ByteString> CallAsync(PeerPb.ChaincodeMessage.Types.Type type, IMessage payload, CancellationToken cancellationToken)
    {
        await _callLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _handler.CallPeerAsync(type, payload, ChannelId, TxId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _callLock.Release();
        }
    }

    /// <summary>Parses a reply payload; a malformed one becomes a <see cref="PeerCallException"/>.</summary>
    internal static T ParseReply<T>(MessageParser<T> parser, ByteString payload, PeerPb.ChaincodeMessage.Types.Type type)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new PeerCallException($"the peer's reply to {type} is not a {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _callLock.Dispose();

    private static string Utf8(ByteString bytes) => Encoding.UTF8.GetString(bytes.Span);
}
