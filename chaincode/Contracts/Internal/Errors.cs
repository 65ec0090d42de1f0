namespace MedChain.Contracts.Internal;

/// <summary>
/// The errors the contracts raise. Every message names the problem (and the field) because
/// it reaches the client as the transaction's error; the prefix tells the kind apart.
/// </summary>
internal static class Errors
{
    public static Exception Invalid(string field, string problem) => Fail($"invalid {field}: {problem}");

    public static Exception Forbidden(string problem) => Fail($"forbidden: {problem}");

    public static Exception NotFound(string what) => Fail($"not found: {what}");

    public static Exception Conflict(string problem) => Fail($"conflict: {problem}");

    private static InvalidOperationException Fail(string message) => new(message);
}
