namespace MedChain.Grpc;

/// <summary>A call that ended with a status other than OK, with the trailers the server sent.</summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata(), null)
    {
    }

    public RpcException(Status status, Metadata trailers, string? message = null)
        : base(message ?? status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The call's final status.</summary>
    public Status Status { get; }

    /// <summary>The status code; shorthand for <c>Status.StatusCode</c>.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailers sent by the server (e.g. <c>grpc-status-details-bin</c>); empty if none.</summary>
    public Metadata Trailers { get; }
}
