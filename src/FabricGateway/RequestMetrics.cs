using System.Diagnostics;

namespace MedChain.FabricGateway;

/// <summary>Counts and times every request by route pattern (never the raw path: it carries ids).</summary>
internal sealed class RequestMetrics(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            GatewayMetrics.Request(route, context.Request.Method, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
