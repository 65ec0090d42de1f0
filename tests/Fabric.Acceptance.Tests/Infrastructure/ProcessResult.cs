namespace MedChain.Fabric.Acceptance.Tests.Infrastructure;

/// <summary>What a finished process left behind.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Stdout and stderr, for assertion messages.</summary>
    public string Describe() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    /// <summary>Throws with both streams unless the process exited with 0.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed: {Describe()}");
        }

        return this;
    }
}
