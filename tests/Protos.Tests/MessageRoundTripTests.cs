using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MedChain.Protos.Tests;

/// <summary>Every message the project sends or reads survives serialize → parse with all fields set.</summary>
public sealed class MessageRoundTripTests
{
    private static readonly Timestamp _time = new() { Seconds = 1_700_000_000, Nanos = 123_456_789 };

    private static ByteString Bytes(string text) => ByteString.CopyFromUtf8(text);

    private static PeerPb.SignedProposal SignedProposal() => new() { ProposalBytes = Bytes("proposal"), Signature = Bytes("signature") };

    private static CommonPb.Envelope Envelope() => new() { Payload = Bytes("payload"), Signature = Bytes("envelope-signature") };

    private static PeerPb.Response Response() => new() { Status = 200, Message = "ok", Payload = Bytes("result") };

    private static PeerPb.ChaincodeEvent Event() => new() { ChaincodeId = "medchain", TxId = "tx1", EventName = "RecordAdded", Payload = Bytes("{\"id\":1}") };

    private static OrdererPb.SeekPosition Specified() => new() { Specified = new OrdererPb.SeekSpecified { Number = 42 } };

    public static TheoryData<string, IMessage> Messages => new()
    {
        {
            "ChaincodeMessage", new PeerPb.ChaincodeMessage
            {
                Type = PeerPb.ChaincodeMessage.Types.Type.Transaction,
                Timestamp = _time,
                Payload = Bytes("input"),
                Txid = "tx1",
                Proposal = SignedProposal(),
                ChaincodeEvent = Event(),
                ChannelId = "medchannel",
            }
        },
        { "SignedProposal", SignedProposal() },
        { "Proposal", new PeerPb.Proposal { Header = Bytes("header"), Payload = Bytes("payload"), Extension = Bytes("extension") } },
        {
            "ChannelHeader", new CommonPb.ChannelHeader
            {
                Type = (int)CommonPb.HeaderType.EndorserTransaction,
                Version = 1,
                Timestamp = _time,
                ChannelId = "medchannel",
                TxId = "tx1",
                Epoch = 7,
                Extension = Bytes("ext"),
                TlsCertHash = Bytes("hash"),
            }
        },
        { "SignatureHeader", new CommonPb.SignatureHeader { Creator = Bytes("creator"), Nonce = Bytes("nonce") } },
        {
            "ChaincodeProposalPayload", new PeerPb.ChaincodeProposalPayload
            {
                Input = Bytes("cis"),
                TransientMap = { ["secret"] = Bytes("value") },
            }
        },
        {
            "ChaincodeInvocationSpec", new PeerPb.ChaincodeInvocationSpec
            {
                ChaincodeSpec = new PeerPb.ChaincodeSpec
                {
                    Type = PeerPb.ChaincodeSpec.Types.Type.Golang,
                    ChaincodeId = new PeerPb.ChaincodeID { Name = "medchain", Version = "1.0", Path = "p" },
                    Input = new PeerPb.ChaincodeInput { Args = { Bytes("fn"), Bytes("arg") }, IsInit = true },
                    Timeout = 30,
                },
            }
        },
        {
            "ProposalResponse", new PeerPb.ProposalResponse
            {
                Version = 1,
                Timestamp = _time,
                Response = Response(),
                Payload = Bytes("prp"),
                Endorsement = new PeerPb.Endorsement { Endorser = Bytes("endorser"), Signature = Bytes("sig") },
            }
        },
        { "Envelope", Envelope() },
        {
            "Payload", new CommonPb.Payload
            {
                Header = new CommonPb.Header { ChannelHeader = Bytes("ch"), SignatureHeader = Bytes("sh") },
                Data = Bytes("data"),
            }
        },
        {
            "EndorseRequest", new GatewayPb.EndorseRequest
            {
                TransactionId = "tx1",
                ChannelId = "medchannel",
                ProposedTransaction = SignedProposal(),
                EndorsingOrganizations = { "Org1MSP", "Org2MSP" },
            }
        },
        { "EndorseResponse", new GatewayPb.EndorseResponse { PreparedTransaction = Envelope() } },
        { "SubmitRequest", new GatewayPb.SubmitRequest { TransactionId = "tx1", ChannelId = "medchannel", PreparedTransaction = Envelope() } },
        { "SignedCommitStatusRequest", new GatewayPb.SignedCommitStatusRequest { Request = Bytes("req"), Signature = Bytes("sig") } },
        { "CommitStatusRequest", new GatewayPb.CommitStatusRequest { TransactionId = "tx1", ChannelId = "medchannel", Identity = Bytes("id") } },
        { "CommitStatusResponse", new GatewayPb.CommitStatusResponse { Result = PeerPb.TxValidationCode.MvccReadConflict, BlockNumber = 12 } },
        {
            "EvaluateRequest", new GatewayPb.EvaluateRequest
            {
                TransactionId = "tx1",
                ChannelId = "medchannel",
                ProposedTransaction = SignedProposal(),
                TargetOrganizations = { "Org1MSP" },
            }
        },
        { "EvaluateResponse", new GatewayPb.EvaluateResponse { Result = Response() } },
        { "SignedChaincodeEventsRequest", new GatewayPb.SignedChaincodeEventsRequest { Request = Bytes("req"), Signature = Bytes("sig") } },
        {
            "ChaincodeEventsRequest", new GatewayPb.ChaincodeEventsRequest
            {
                ChannelId = "medchannel",
                ChaincodeId = "medchain",
                Identity = Bytes("id"),
                StartPosition = Specified(),
                AfterTransactionId = "tx0",
            }
        },
        { "ChaincodeEventsResponse", new GatewayPb.ChaincodeEventsResponse { Events = { Event(), Event() }, BlockNumber = 9 } },
        { "ErrorDetail", new GatewayPb.ErrorDetail { Address = "peer0.org1:7051", MspId = "Org1MSP", Message = "failed" } },
        { "PreparedTransaction", new GatewayPb.PreparedTransaction { TransactionId = "tx1", Envelope = Envelope(), Result = Response() } },
        {
            "google.rpc.Status", new RpcPb.Status
            {
                Code = 10,
                Message = "aborted",
                Details = { Any.Pack(new GatewayPb.ErrorDetail { Address = "a", MspId = "m", Message = "x" }) },
            }
        },
        { "ChaincodeEvent", Event() },
        {
            "QueryResponse", new PeerPb.QueryResponse
            {
                Results = { new PeerPb.QueryResultBytes { ResultBytes = Bytes("kv") } },
                HasMore = true,
                Id = "iterator-1",
                Metadata = Bytes("meta"),
            }
        },
        { "KV", new QueryResultPb.KV { Namespace = "medchain", Key = "patient~1", Value = Bytes("{}") } },
        { "SeekPosition(specified)", Specified() },
        { "SeekPosition(newest)", new OrdererPb.SeekPosition { Newest = new OrdererPb.SeekNewest() } },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void ParseFrom_SerializedMessage_EqualsOriginal(string name, IMessage message)
    {
        var bytes = message.ToByteArray();

        var parsed = message.Descriptor.Parser.ParseFrom(bytes);

        Assert.Equal(message, parsed);
        Assert.True(bytes.Length > 0, name);
        // Every field was given a non-default value, so nothing may be lost silently.
        var empty = message.Descriptor.Parser.ParseFrom([]);
        Assert.NotEqual(empty, parsed);
    }

    [Fact]
    public void Messages_CoverEveryFieldOfEachMessage()
    {
        foreach (var row in Messages)
        {
            var (name, message) = row.Data;
            foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
            {
                // Oneof alternatives are covered by separate rows.
                if (field.RealContainingOneof is not null)
                {
                    continue;
                }

                var value = field.Accessor.GetValue(message);
                var isSet = value switch
                {
                    null => false,
                    System.Collections.ICollection collection => collection.Count > 0,
                    string text => text.Length > 0,
                    ByteString bytes => !bytes.IsEmpty,
                    _ => !Equals(value, DefaultOf(value)),
                };
                Assert.True(isSet, $"{name}.{field.Name} has its default value; set it so the round trip checks it.");
            }
        }
    }

    private static object? DefaultOf(object value) => value.GetType().IsValueType ? Activator.CreateInstance(value.GetType()) : null;
}
