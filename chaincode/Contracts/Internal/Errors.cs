using MedChain.ContractApi;

namespace MedChain.Contracts.Internal;

/// <summary>
/// The errors the contracts raise. Every message names the problem (and the field) because it
/// reaches the client as the transaction's error; the prefix and the status tell the kind apart.
/// </summary>
internal static class Errors
{
    public const int BadRequest = 400;
    public const int ForbiddenStatus = 403;
    public const int NotFoundStatus = 404;
    public const int ConflictStatus = 409;
    public const int UnavailableStatus = 503;

    public static ContractException Invalid(string field, string problem) => new($"invalid {field}: {problem}", BadRequest);

    public static ContractException Forbidden(string problem) => new($"forbidden: {problem}", ForbiddenStatus);

    public static ContractException NotFound(string what) => new($"not found: {what}", NotFoundStatus);

    public static ContractException Conflict(string problem) => new($"conflict: {problem}", ConflictStatus);

    /// <summary>Content this peer does not hold (outside its private data collection): ask another peer.</summary>
    public static ContractException Unavailable(string problem) => new($"unavailable: {problem}", UnavailableStatus);
}
