using Microsoft.Extensions.Logging;

namespace MedChain.Grpc.Internal;

/// <summary>Log messages of the transport (client and server).</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "gRPC server listening on {Address} ({Security})")]
    public static partial void ServerStarted(ILogger logger, string address, string security);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "gRPC server stopped")]
    public static partial void ServerStopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Rejected request {Path}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Handler of {Method} threw; the client gets UNKNOWN")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void ServerCallEnded(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Ignoring malformed grpc-timeout '{Value}' on {Method}")]
    public static partial void InvalidTimeout(ILogger logger, string value, string method);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Could not send the status of {Method}; the client is gone")]
    public static partial void StatusNotSent(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Client call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void ClientCallEnded(ILogger logger, string method, StatusCode statusCode, string detail);
}
