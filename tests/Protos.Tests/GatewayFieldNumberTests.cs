using Google.Protobuf.Reflection;

namespace MedChain.Protos.Tests;

/// <summary>
/// gateway.proto is written in this repository, so its field numbers are checked against Fabric's published
/// definition (hyperledger/fabric-protos gateway/gateway.proto, the version with after_transaction_id).
/// A wrong number would still round-trip here but break against a real peer.
/// </summary>
public sealed class GatewayFieldNumberTests
{
    public static TheoryData<string, string, int> FabricFields => new()
    {
        { "EndorseRequest", "transaction_id", 1 },
        { "EndorseRequest", "channel_id", 2 },
        { "EndorseRequest", "proposed_transaction", 3 },
        { "EndorseRequest", "endorsing_organizations", 4 },
        { "EndorseResponse", "prepared_transaction", 1 },
        { "SubmitRequest", "transaction_id", 1 },
        { "SubmitRequest", "channel_id", 2 },
        { "SubmitRequest", "prepared_transaction", 3 },
        { "SignedCommitStatusRequest", "request", 1 },
        { "SignedCommitStatusRequest", "signature", 2 },
        { "CommitStatusRequest", "transaction_id", 1 },
        { "CommitStatusRequest", "channel_id", 2 },
        { "CommitStatusRequest", "identity", 3 },
        { "CommitStatusResponse", "result", 1 },
        { "CommitStatusResponse", "block_number", 2 },
        { "EvaluateRequest", "transaction_id", 1 },
        { "EvaluateRequest", "channel_id", 2 },
        { "EvaluateRequest", "proposed_transaction", 3 },
        { "EvaluateRequest", "target_organizations", 4 },
        { "EvaluateResponse", "result", 1 },
        { "SignedChaincodeEventsRequest", "request", 1 },
        { "SignedChaincodeEventsRequest", "signature", 2 },
        { "ChaincodeEventsRequest", "channel_id", 1 },
        { "ChaincodeEventsRequest", "chaincode_id", 2 },
        { "ChaincodeEventsRequest", "identity", 3 },
        { "ChaincodeEventsRequest", "start_position", 4 },
        { "ChaincodeEventsRequest", "after_transaction_id", 5 },
        { "ChaincodeEventsResponse", "events", 1 },
        { "ChaincodeEventsResponse", "block_number", 2 },
        { "ErrorDetail", "address", 1 },
        { "ErrorDetail", "msp_id", 2 },
        { "ErrorDetail", "message", 3 },
        { "ProposedTransaction", "transaction_id", 1 },
        { "ProposedTransaction", "proposal", 2 },
        { "ProposedTransaction", "endorsing_organizations", 3 },
        { "PreparedTransaction", "transaction_id", 1 },
        { "PreparedTransaction", "envelope", 2 },
    };

    [Theory]
    [MemberData(nameof(FabricFields))]
    public void GatewayProto_Field_HasFabricsNumber(string message, string field, int number)
    {
        var descriptor = GatewayPb.GatewayReflection.Descriptor.FindTypeByName<MessageDescriptor>(message);

        Assert.NotNull(descriptor);
        var fieldDescriptor = descriptor.FindFieldByName(field);
        Assert.NotNull(fieldDescriptor);
        Assert.Equal(number, fieldDescriptor.FieldNumber);
    }

    [Fact]
    public void GatewayProto_Service_IsFabricsGatewayService()
    {
        var service = Assert.Single(GatewayPb.GatewayReflection.Descriptor.Services);

        Assert.Equal("gateway.Gateway", service.FullName);
        Assert.Equal(["Endorse", "Submit", "CommitStatus", "Evaluate", "ChaincodeEvents"], service.Methods.Select(m => m.Name));
        Assert.True(service.FindMethodByName("ChaincodeEvents").IsServerStreaming);
    }

    [Fact]
    public void GatewayProto_ErrorDetail_HasFabricsFullName()
    {
        // Any.Pack records the type URL; Fabric clients unpack "type.googleapis.com/gateway.ErrorDetail".
        Assert.Equal("gateway.ErrorDetail", GatewayPb.ErrorDetail.Descriptor.FullName);
        Assert.Equal("google.rpc.Status", RpcPb.Status.Descriptor.FullName);
    }
}
