using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MedChain.FabricClient.Internal;

/// <summary>Builds a chaincode proposal exactly as Fabric's SDKs do (protoutil.CreateChaincodeProposalWithTransient).</summary>
internal static class ProposalBuilder
{
    public static Proposal Build(GatewayContext context, string channelName, string chaincodeName, string transactionName, ProposalOptions options)
    {
        var transactionContext = TransactionContext.Create(context.SigningIdentity.Creator);

        var input = new PeerPb.ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8(transactionName));
        foreach (var argument in options.Arguments)
        {
            input.Args.Add(ByteString.CopyFrom(argument));
        }

        var invocationSpec = new PeerPb.ChaincodeInvocationSpec
        {
            ChaincodeSpec = new PeerPb.ChaincodeSpec
            {
                // The gateway SDKs all declare NODE; peers ignore the type at invocation.
                Type = PeerPb.ChaincodeSpec.Types.Type.Node,
                ChaincodeId = new PeerPb.ChaincodeID { Name = chaincodeName },
                Input = input,
            },
        };

        var payload = new PeerPb.ChaincodeProposalPayload { Input = invocationSpec.ToByteString() };
        foreach (var (key, value) in options.TransientData)
        {
            payload.TransientMap.Add(key, ByteString.CopyFrom(value));
        }

        var channelHeader = new CommonPb.ChannelHeader
        {
            Type = (int)CommonPb.HeaderType.EndorserTransaction,
            Version = 0,
            ChannelId = channelName,
            TxId = transactionContext.TransactionId,
            Timestamp = Timestamp.FromDateTimeOffset(context.Options.TimeProvider.GetUtcNow()),
            Epoch = 0,
            Extension = new PeerPb.ChaincodeHeaderExtension
            {
                ChaincodeId = new PeerPb.ChaincodeID { Name = chaincodeName },
            }.ToByteString(),
        };

        var proposal = new PeerPb.Proposal
        {
            Header = new CommonPb.Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = transactionContext.ToSignatureHeader().ToByteString(),
            }.ToByteString(),
            Payload = payload.ToByteString(),
        };

        var proposed = new GatewayPb.ProposedTransaction
        {
            TransactionId = transactionContext.TransactionId,
            Proposal = new PeerPb.SignedProposal { ProposalBytes = proposal.ToByteString() },
        };
        proposed.EndorsingOrganizations.AddRange(options.EndorsingOrganizations);

        GatewayLog.ProposalBuilt(context.Logger, transactionName, transactionContext.TransactionId, channelName);
        return new Proposal(context, channelName, proposed);
    }
}
