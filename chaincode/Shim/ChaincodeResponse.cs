namespace MedChain.Shim;

/// <summary>
/// A chaincode's answer (Fabric's peer.Response). Status below 400 is success (the peer endorses),
/// 400 and above an error whose <see cref="Message"/> reaches the client.
/// </summary>
public sealed record ChaincodeResponse(int Status, string Message, byte[] Payload)
{
    /// <summary>Fabric's OK status.</summary>
    public const int OkStatus = 200;

    /// <summary>Fabric's threshold: statuses from here up are errors.</summary>
    public const int ErrorThreshold = 400;

    /// <summary>Fabric's generic error status.</summary>
    public const int ErrorStatus = 500;

    /// <summary>True when the peer treats this as success.</summary>
    public bool IsSuccess => Status < ErrorThreshold;

    /// <summary>A success with an optional payload.</summary>
    public static ChaincodeResponse Success(byte[]? payload = null) => new(OkStatus, string.Empty, payload ?? []);

    /// <summary>An error with a message for the client.</summary>
    public static ChaincodeResponse Error(string message, int status = ErrorStatus) => new(status, message, []);
}
