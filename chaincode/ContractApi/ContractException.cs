using MedChain.Shim;

namespace MedChain.ContractApi;

/// <summary>
/// An error meant for the client: a transaction that throws it is answered with an error response
/// carrying <see cref="Exception.Message"/> and <see cref="Status"/>. Any other exception is answered
/// with a generic message, so internals do not leak.
/// </summary>
public class ContractException : Exception
{
    /// <summary>An error with Fabric's generic error status (500).</summary>
    public ContractException(string message)
        : this(message, ChaincodeResponse.ErrorStatus)
    {
    }

    /// <summary>An error with a status of 400 or more.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is below 400 (Fabric would treat it as success).</exception>
    public ContractException(string message, int status)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, ChaincodeResponse.ErrorThreshold);
        Status = status;
    }

    /// <summary>An error with Fabric's generic error status wrapping its cause.</summary>
    public ContractException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = ChaincodeResponse.ErrorStatus;
    }

    /// <summary>The response status, 400 or more.</summary>
    public int Status { get; }
}
