using System.Text.RegularExpressions;
using MedChain.FabricClient;
using MedChain.FabricGateway.Records;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Crypto;
using Microsoft.AspNetCore.Diagnostics;

namespace MedChain.FabricGateway.Apis;

/// <summary>
/// Turns failures into RFC 9457 problem details: the chaincode's own status and message where the
/// ledger refused, the off-chain store's where storage did, 502 where Fabric could not be reached.
/// </summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Map(exception);
        GatewayLog.RequestFailed(logger, title, exception);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    internal static (int Status, string Title, string Detail) Map(Exception exception) => exception switch
    {
        BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message),
        PayloadTooLargeException e => (StatusCodes.Status413PayloadTooLarge, "Record too large", e.Message),
        RecordAlreadyExistsException e => (StatusCodes.Status409Conflict, "Record already exists", e.Message),
        RecordErasedException e => (StatusCodes.Status410Gone, "Record erased", e.Message),
        RecordNotFoundException e => (StatusCodes.Status404NotFound, "Record not found", e.Message),
        RecordKeyNotFoundException e => (StatusCodes.Status403Forbidden, "No key for this organization", e.Message),
        RecordIntegrityException e => (StatusCodes.Status502BadGateway, "Stored record failed its integrity check", e.Message),
        AccessDeniedException e => (StatusCodes.Status403Forbidden, "Access denied", e.Message),
        UnknownOrganizationException e => (StatusCodes.Status400BadRequest, "Unknown organization", e.Message),
        // Transaction ids, peer addresses and MSP ids stay in the log (with the trace id), not in the answer.
        CommitException => (StatusCodes.Status409Conflict, "Transaction not committed", "The ledger did not accept the transaction; retry, or quote the trace id."),
        GatewayException e when ChaincodeStatus(e) is { } chaincode => chaincode,
        CommitStatusException => (StatusCodes.Status504GatewayTimeout, "Outcome unknown", "The ledger did not confirm the transaction in time; it may still commit. Quote the trace id."),
        GatewayException => (StatusCodes.Status502BadGateway, "Fabric unavailable", "The ledger could not be reached; quote the trace id."),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The request failed; see the service log."),
    };

    /// <summary>The chaincode's response status and message, which the peer reports as "chaincode response 403, forbidden: …".</summary>
    private static (int, string, string)? ChaincodeStatus(GatewayException exception)
    {
        foreach (var text in exception.Details.Select(d => d.Message).Append(exception.Message))
        {
            var match = ChaincodeResponse().Match(text);
            if (match.Success && int.TryParse(match.Groups[1].Value, out var status))
            {
                var http = status is >= 400 and < 500 ? status : StatusCodes.Status502BadGateway;
                return (http, "Refused by the ledger", match.Groups[2].Value);
            }
        }

        return null;
    }

    [GeneratedRegex(@"chaincode response (\d{3}), (.*)$", RegexOptions.Singleline)]
    private static partial Regex ChaincodeResponse();
}
