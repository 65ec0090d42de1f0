namespace MedChain.FabricGateway.Authentication;

/// <summary>
/// Refuses plain-http requests (outside Development) instead of redirecting them: a redirect would come after
/// the bearer token and the record already crossed the network in clear. Health probes stay reachable.
/// </summary>
internal sealed class RequireHttps(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal))
        {
            return next(context);
        }

        return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "HTTPS required",
                detail: "This service accepts requests over HTTPS only.")
            .ExecuteAsync(context);
    }
}
