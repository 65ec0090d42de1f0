using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedChain.FabricGateway;

/// <summary>
/// The service's own instruments (meter <c>MedChain.FabricGateway</c>): HTTP requests, chaincode calls and storage
/// calls, each counted and timed. Static, like the chaincode calls it measures; listeners pick the meter by name.
/// </summary>
internal static class GatewayMetrics
{
    public const string MeterName = "MedChain.FabricGateway";

    private static readonly Meter _meter = new(MeterName);
    private static readonly Counter<long> _requests = _meter.CreateCounter<long>("medchain.http.requests", description: "HTTP requests served, by route and status.");
    private static readonly Histogram<double> _requestDuration = _meter.CreateHistogram<double>("medchain.http.request.duration", "s", "HTTP request latency.");
    private static readonly Counter<long> _chainCalls = _meter.CreateCounter<long>("medchain.chain.calls", description: "Chaincode calls, by function, kind and outcome.");
    private static readonly Histogram<double> _chainDuration = _meter.CreateHistogram<double>("medchain.chain.call.duration", "s", "Chaincode call latency (submit: until committed).");
    private static readonly Counter<long> _storageCalls = _meter.CreateCounter<long>("medchain.storage.calls", description: "Off-chain storage operations, by operation and outcome.");
    private static readonly Histogram<double> _storageDuration = _meter.CreateHistogram<double>("medchain.storage.call.duration", "s", "Off-chain storage operation latency.");

    public static void Request(string route, string method, int status, TimeSpan elapsed)
    {
        var tags = new TagList { { "http.route", route }, { "http.request.method", method }, { "http.response.status_code", status } };
        _requests.Add(1, tags);
        _requestDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static void ChainCall(string function, string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "medchain.function", function }, { "medchain.kind", kind }, { "medchain.outcome", outcome } };
        _chainCalls.Add(1, tags);
        _chainDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static void StorageCall(string operation, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "medchain.operation", operation }, { "medchain.outcome", outcome } };
        _storageCalls.Add(1, tags);
        _storageDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Times a storage operation.</summary>
    public static async Task<T> StorageAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await call().ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        finally
        {
            StorageCall(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
