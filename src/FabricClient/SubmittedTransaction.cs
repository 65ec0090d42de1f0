using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>A transaction accepted for ordering: its result is known, its commit is awaited with <see cref="Commit.GetStatusAsync"/>.</summary>
public sealed class SubmittedTransaction : Commit
{
    internal SubmittedTransaction(GatewayContext context, string channelName, string transactionId, byte[] result)
        : base(context, channelName, transactionId)
    {
        Result = result;
    }

    /// <summary>The chaincode's result, as endorsed.</summary>
    public byte[] Result { get; }
}
