using System.Diagnostics;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// The library's <see cref="ActivitySource"/>; one activity per public operation, named Type.Method as in the
/// Azure SDK (Azure.Core's ClientDiagnostics is internal to it).
/// </summary>
internal static class OffchainDiagnostics
{
    public const string SourceName = "MedChain.OffchainStore";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string name, string? container = null, string? blob = null)
    {
        var activity = Source.StartActivity(name, ActivityKind.Client);
        if (activity is not null)
        {
            if (container is not null)
            {
                activity.SetTag("az.storage.container", container);
            }

            if (blob is not null)
            {
                activity.SetTag("az.storage.blob", blob);
            }
        }

        return activity;
    }

    /// <summary>Marks the activity failed; returns false so it can sit in an exception filter.</summary>
    public static bool Fail(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
        return false;
    }
}
