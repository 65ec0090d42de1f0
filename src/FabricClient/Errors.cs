using System.Text;
using Grpc.Core;
using MedChain.FabricClient.Internal;

namespace MedChain.FabricClient;

/// <summary>One peer's or orderer's own error, from the <c>grpc-status-details-bin</c> details of a failed call.</summary>
/// <param name="Address">The node's address, e.g. <c>peer0.org1.example.com:7051</c>.</param>
/// <param name="MspId">The node's organization.</param>
/// <param name="Message">The node's error, e.g. the chaincode's error message.</param>
public sealed record ErrorDetail(string Address, string MspId, string Message)
{
    public override string ToString() => $"{Address} ({MspId}): {Message}";
}

/// <summary>
/// A call to the Gateway service failed. Derived types say which stage of a transaction failed;
/// this type itself is thrown by evaluate and chaincode event calls.
/// </summary>
public class GatewayException : Exception
{
    public GatewayException(string message, string? transactionId, Status? status, IReadOnlyList<ErrorDetail>? details, Exception? innerException = null)
        : base(message, innerException)
    {
        TransactionId = transactionId;
        Status = status;
        Details = details ?? [];
    }

    /// <summary>The transaction's id; null for calls that are not about one transaction (chaincode events).</summary>
    public string? TransactionId { get; }

    /// <summary>The gRPC status of the failed call; null when the failure was not a failed call (<see cref="CommitException"/>).</summary>
    public Status? Status { get; }

    /// <summary>The gRPC status code, or null; shorthand for <c>Status?.StatusCode</c>.</summary>
    public StatusCode? StatusCode => Status?.StatusCode;

    /// <summary>Each node's own error, as the gateway peer reported them; empty if it sent none.</summary>
    public IReadOnlyList<ErrorDetail> Details { get; }

    /// <summary>"stage failed for transaction x: status detail" followed by one line per node.</summary>
    protected static string Describe(string stage, string? transactionId, Status status, IReadOnlyList<ErrorDetail> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var text = new StringBuilder(stage).Append(" failed");
        if (transactionId is not null)
        {
            text.Append(" for transaction ").Append(transactionId);
        }

        text.Append(": ").Append(status.StatusCode).Append(", ").Append(status.Detail);
        foreach (var detail in details)
        {
            text.Append('\n').Append("  ").Append(detail);
        }

        return text.ToString();
    }

    internal static GatewayException FromRpc(string stage, string? transactionId, RpcException error, IReadOnlyList<ErrorDetail> details) =>
        new(Describe(stage, transactionId, error.Status, details), transactionId, error.Status, details, error);
}

/// <summary>The proposal was not endorsed (e.g. the chaincode returned an error, or no peers were reachable).</summary>
public sealed class EndorseException : GatewayException
{
    public EndorseException(string transactionId, RpcException error, IReadOnlyList<ErrorDetail> details)
        : base(Describe("Endorse", transactionId, Check(error).Status, details), transactionId, error.Status, details, error)
    {
    }

    internal static RpcException Check(RpcException error) => error ?? throw new ArgumentNullException(nameof(error));
}

/// <summary>The endorsed transaction was not accepted for ordering.</summary>
public sealed class SubmitException : GatewayException
{
    public SubmitException(string transactionId, RpcException error, IReadOnlyList<ErrorDetail> details)
        : base(Describe("Submit", transactionId, EndorseException.Check(error).Status, details), transactionId, error.Status, details, error)
    {
    }
}

/// <summary>The commit status of a submitted transaction could not be read (it may still commit).</summary>
public sealed class CommitStatusException : GatewayException
{
    public CommitStatusException(string transactionId, RpcException error, IReadOnlyList<ErrorDetail> details)
        : base(Describe("Commit status", transactionId, EndorseException.Check(error).Status, details), transactionId, error.Status, details, error)
    {
    }
}

/// <summary>The transaction was ordered into a block but failed validation, e.g. with <c>MVCC_READ_CONFLICT</c>.</summary>
public sealed class CommitException : GatewayException
{
    public CommitException(CommitStatus status)
        : base(
            $"Transaction {status?.TransactionId} failed to commit in block {status?.BlockNumber} with validation code {(status is null ? null : ValidationCodes.FabricName(status.Code))}",
            status?.TransactionId,
            null,
            null)
    {
        ArgumentNullException.ThrowIfNull(status);
        ValidationCode = status.Code;
        BlockNumber = status.BlockNumber;
    }

    /// <summary>Why validation failed, e.g. <c>MVCC_READ_CONFLICT</c> or <c>ENDORSEMENT_POLICY_FAILURE</c>.</summary>
    public PeerPb.TxValidationCode ValidationCode { get; }

    /// <summary>The block that holds the invalid transaction.</summary>
    public ulong BlockNumber { get; }
}
