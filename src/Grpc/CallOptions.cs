namespace MedChain.Grpc;

/// <summary>Per-call settings.</summary>
/// <param name="Headers">Request headers sent with the call; null sends none.</param>
/// <param name="Deadline">UTC instant after which the call fails with DEADLINE_EXCEEDED (sent as grpc-timeout); null means none.</param>
/// <param name="CancellationToken">Cancels the call (status CANCELLED, and RST_STREAM to the server).</param>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default);
