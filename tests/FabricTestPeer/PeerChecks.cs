using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;

namespace MedChain.FabricTestPeer;

/// <summary>
/// The checks a Fabric peer makes on what a client sends, written independently of the client:
/// creator parsing, strict DER and low-S ECDSA signatures, transaction id recomputation, header fields.
/// Failures are RpcExceptions, as a peer answers.
/// </summary>
public static class PeerChecks
{
    private static readonly BigInteger _p256Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger _p384Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A proposal the checks accepted, with its parsed parts.</summary>
    public sealed record CheckedProposal(
        PeerPb.Proposal Proposal,
        CommonPb.ChannelHeader ChannelHeader,
        CommonPb.SignatureHeader SignatureHeader,
        MspPb.SerializedIdentity Creator,
        PeerPb.ChaincodeProposalPayload Payload,
        PeerPb.ChaincodeInvocationSpec Invocation)
    {
        public string Function => Invocation.ChaincodeSpec.Input.Args[0].ToStringUtf8();

        public IReadOnlyList<string> Arguments => [.. Invocation.ChaincodeSpec.Input.Args.Skip(1).Select(a => a.ToStringUtf8())];
    }

    public static CheckedProposal CheckSignedProposal(PeerPb.SignedProposal? signedProposal, string requestTransactionId, string requestChannelId)
    {
        if (signedProposal is null || signedProposal.ProposalBytes.IsEmpty)
        {
            throw Invalid("no proposal");
        }

        var proposal = Parse(PeerPb.Proposal.Parser, signedProposal.ProposalBytes, "proposal");
        var header = Parse(CommonPb.Header.Parser, proposal.Header, "header");
        var channelHeader = Parse(CommonPb.ChannelHeader.Parser, header.ChannelHeader, "channel header");
        var signatureHeader = Parse(CommonPb.SignatureHeader.Parser, header.SignatureHeader, "signature header");

        if (channelHeader.Type != (int)CommonPb.HeaderType.EndorserTransaction)
        {
            throw Invalid($"invalid header type {channelHeader.Type}");
        }

        if (channelHeader.Timestamp is null)
        {
            throw Invalid("channel header has no timestamp");
        }

        if (string.IsNullOrEmpty(channelHeader.ChannelId) || channelHeader.ChannelId != requestChannelId)
        {
            throw Invalid($"channel '{channelHeader.ChannelId}' does not match request channel '{requestChannelId}'");
        }

        if (signatureHeader.Nonce.IsEmpty)
        {
            throw Invalid("nonce is empty");
        }

        var creator = Parse(MspPb.SerializedIdentity.Parser, signatureHeader.Creator, "creator");
        var expectedTxId = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span]));
        if (channelHeader.TxId != expectedTxId)
        {
            throw Invalid($"incorrectly computed transaction ID '{channelHeader.TxId}', expected '{expectedTxId}'");
        }

        if (requestTransactionId != channelHeader.TxId)
        {
            throw Invalid($"request transaction id '{requestTransactionId}' differs from header '{channelHeader.TxId}'");
        }

        VerifySignature(creator, signedProposal.ProposalBytes.Span, signedProposal.Signature.Span);

        var extension = Parse(PeerPb.ChaincodeHeaderExtension.Parser, channelHeader.Extension, "chaincode header extension");
        var payload = Parse(PeerPb.ChaincodeProposalPayload.Parser, proposal.Payload, "chaincode proposal payload");
        var invocation = Parse(PeerPb.ChaincodeInvocationSpec.Parser, payload.Input, "chaincode invocation spec");
        if (extension.ChaincodeId is null || string.IsNullOrEmpty(extension.ChaincodeId.Name))
        {
            throw Invalid("no chaincode id in header extension");
        }

        if (invocation.ChaincodeSpec?.ChaincodeId?.Name != extension.ChaincodeId.Name)
        {
            throw Invalid("chaincode id of the invocation differs from the header's");
        }

        if (invocation.ChaincodeSpec.Input is null || invocation.ChaincodeSpec.Input.Args.Count == 0)
        {
            throw Invalid("no function name in the chaincode input");
        }

        return new CheckedProposal(proposal, channelHeader, signatureHeader, creator, payload, invocation);
    }

    /// <summary>Verifies a signature by <paramref name="creator"/> over <paramref name="message"/> as Fabric's MSP does (SHA-256, DER, low S).</summary>
    public static void VerifySignature(MspPb.SerializedIdentity creator, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.IsEmpty)
        {
            throw Denied("missing signature");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(creator.IdBytes.ToStringUtf8());
        }
        catch (CryptographicException e)
        {
            throw Denied($"creator certificate is invalid: {e.Message}");
        }

        using (certificate)
        using (var key = certificate.GetECDsaPublicKey() ?? throw Denied("creator has no EC key"))
        {
            BigInteger s;
            try
            {
                var reader = new AsnReader(signature.ToArray(), AsnEncodingRules.DER);
                var sequence = reader.ReadSequence();
                _ = sequence.ReadInteger();
                s = sequence.ReadInteger();
                sequence.ThrowIfNotEmpty();
                reader.ThrowIfNotEmpty();
            }
            catch (AsnContentException e)
            {
                throw Denied($"signature is not DER: {e.Message}");
            }

            var order = key.KeySize == 384 ? _p384Order : _p256Order;
            if (s > order / 2)
            {
                throw Denied("invalid S. Must be smaller than half the order");
            }

            // The MSP's default hash is SHA-256 whatever the curve.
            if (!key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw Denied("the creator's signature over the message is invalid");
            }
        }
    }

    public static T Parse<T>(MessageParser<T> parser, ByteString bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Invalid($"cannot parse {what}: {e.Message}");
        }
    }

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));
}
