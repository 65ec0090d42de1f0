using Azure;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// Azure.Core reports a service it never reached as an <see cref="AggregateException"/> of status-0
/// <see cref="RequestFailedException"/>s (one per attempt); this turns that into one clear exception.
/// </summary>
internal static class BlobFailures
{
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        AggregateException { InnerExceptions.Count: > 0 } e => e.InnerExceptions.All(IsUnreachable),
        _ => false,
    };

    public static RequestFailedException Unreachable(Uri service, string operation, Exception exception)
    {
        var attempts = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        var last = attempts[^1].Message.Split('\n')[0];
        return new RequestFailedException(0, $"Blob storage at {service} could not be reached ({operation}, {attempts.Count} attempt(s)): {last}", null, exception);
    }
}
