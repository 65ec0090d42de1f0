namespace MedChain.FabricCa;

/// <summary>The CA refused a request: its HTTP status and the errors it gave (fabric-ca's numeric codes).</summary>
public sealed class FabricCaException : Exception
{
    public FabricCaException()
    {
    }

    public FabricCaException(string message)
        : base(message)
    {
    }

    public FabricCaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal of <paramref name="operation"/> with the CA's <paramref name="errors"/>.</summary>
    public FabricCaException(string operation, int statusCode, IReadOnlyList<FabricCaError> errors)
        : base($"Fabric CA refused {operation} ({statusCode}): {Describe(errors)}")
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    /// <summary>The HTTP status the CA answered with; 0 when there was no answer.</summary>
    public int StatusCode { get; }

    /// <summary>The CA's errors, possibly none.</summary>
    public IReadOnlyList<FabricCaError> Errors { get; } = [];

    /// <summary>Whether the CA gave <paramref name="code"/> among its errors.</summary>
    public bool HasError(int code) => Errors.Any(e => e.Code == code);

    private static string Describe(IReadOnlyList<FabricCaError> errors) =>
        errors.Count == 0 ? "no error details" : string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"));
}

/// <summary>One error of a CA response.</summary>
public sealed record FabricCaError(int Code, string Message);

/// <summary>fabric-ca's error codes (lib/caerrors) that callers act on.</summary>
public static class FabricCaErrorCodes
{
    /// <summary>
    /// Any failed authentication (unknown id, wrong secret, a token that does not verify, an untrusted certificate):
    /// the server tells remote callers no more than this.
    /// </summary>
    public const int AuthenticationFailure = 20;

    /// <summary>Register: the enrolment id is already registered.</summary>
    public const int IdentityAlreadyRegistered = 74;
}
