namespace MedChain.Shim;

/// <summary>
/// A state call (GetState, PutState, range queries, ...) that the peer answered with ERROR,
/// or that could not reach the peer because the chaincode stream ended.
/// </summary>
public sealed class PeerCallException : Exception
{
    public PeerCallException()
    {
    }

    public PeerCallException(string message)
        : base(message)
    {
    }

    public PeerCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
