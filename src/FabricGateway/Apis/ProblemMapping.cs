using System.Text.RegularExpressions;
using MedChain.FabricClient;
using MedChain.FabricGateway.Prescriptions;
using MedChain.FabricGateway.Records;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Crypto;
using Microsoft.AspNetCore.Diagnostics;

namespace MedChain.FabricGateway.Apis;

/// <summary>
/// Turns failures into RFC 9457 problem details with a stable type (<see cref="ProblemTypes"/>): the chaincode's
/// own status and message where the ledger refused, the off-chain store's where storage did, 503 where the ledger
/// or storage could not be reached.
/// </summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, type) = Map(exception);
        GatewayLog.RequestFailed(logger, title, exception);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = type.Uri },
        }).ConfigureAwait(false);
    }

    internal static (int Status, string Title, string Detail, ProblemType Type) Map(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Of(ProblemTypes.TooLarge, e.Message),
        BadHttpRequestException e => (e.StatusCode, ProblemTypes.Malformed.Title, e.Message, ProblemTypes.Malformed),
        PayloadTooLargeException e => Of(ProblemTypes.TooLarge, e.Message),
        RecordAlreadyExistsException e => Of(ProblemTypes.RecordExists, e.Message),
        RecordErasedException e => Of(ProblemTypes.Erased, e.Message),
        RecordNotFoundException e => Of(ProblemTypes.NotFound, e.Message),
        RecordKeyNotFoundException e => Of(ProblemTypes.NoKey, e.Message),
        RecordIntegrityException e => Of(ProblemTypes.IntegrityFailed, e.Message),
        AccessDeniedException e => Of(ProblemTypes.AccessDenied, e.Message),
        UnknownOrganizationException e => Of(ProblemTypes.UnknownOrganization, e.Message),
        FillAlreadyDispensedException e => Of(ProblemTypes.AlreadyDispensed, e.Message),
        FillOutOfOrderException e => Of(ProblemTypes.AlreadyDispensed, e.Message),
        PrescriptionExpiredException e => Of(ProblemTypes.PrescriptionExpired, e.Message),
        EmergencyUnavailableException e => Of(ProblemTypes.EmergencyUnavailable, e.Message),
        // Transaction ids, peer addresses and MSP ids stay in the log (with the trace id), not in the answer.
        CommitException => Of(ProblemTypes.NotCommitted, "The ledger did not accept the transaction (e.g. a concurrent change to the same state); retry, or quote the trace id."),
        GatewayException e when ChaincodeStatus(e) is { } chaincode => chaincode,
        CommitStatusException => Of(ProblemTypes.OutcomeUnknown, "The ledger did not confirm the transaction in time; it may still commit. Quote the trace id."),
        GatewayException { StatusCode: Grpc.Core.StatusCode.Unavailable } => Of(ProblemTypes.LedgerUnavailable, "The ledger could not be reached; nothing was committed. Retry, or quote the trace id."),
        GatewayException => Of(ProblemTypes.LedgerError, "The ledger could not be reached; quote the trace id."),
        Azure.RequestFailedException { Status: 0 } or HttpRequestException => Of(ProblemTypes.StorageUnavailable, "Blob storage could not be reached; retry, or quote the trace id."),
        Azure.RequestFailedException { InnerException: HttpRequestException } => Of(ProblemTypes.StorageUnavailable, "Blob storage could not be reached; retry, or quote the trace id."),
        _ => Of(ProblemTypes.Unexpected, "The request failed; see the service log."),
    };

    private static (int, string, string, ProblemType) Of(ProblemType type, string detail) => (type.Status, type.Title, detail, type);

    /// <summary>The chaincode's response status and message, which the peer reports as "chaincode response 403, forbidden: …".</summary>
    private static (int, string, string, ProblemType)? ChaincodeStatus(GatewayException exception)
    {
        foreach (var text in exception.Details.Select(d => d.Message).Append(exception.Message))
        {
            var match = ChaincodeResponse().Match(text);
            if (match.Success && int.TryParse(match.Groups[1].Value, out var status))
            {
                var type = status switch
                {
                    400 => ProblemTypes.LedgerInvalid,
                    403 => ProblemTypes.LedgerForbidden,
                    404 => ProblemTypes.NotFound,
                    409 => ProblemTypes.LedgerConflict,
                    _ => ProblemTypes.LedgerError,
                };
                var http = status is >= 400 and < 500 ? status : StatusCodes.Status502BadGateway;
                return (http, type == ProblemTypes.LedgerError ? "Refused by the ledger" : type.Title, match.Groups[2].Value, type);
            }
        }

        return null;
    }

    [GeneratedRegex(@"chaincode response (\d{3}), (.*)$", RegexOptions.Singleline)]
    private static partial Regex ChaincodeResponse();
}
