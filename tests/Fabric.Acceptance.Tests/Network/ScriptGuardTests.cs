using MedChain.Fabric.Acceptance.Tests.Infrastructure;

namespace MedChain.Fabric.Acceptance.Tests.Network;

/// <summary>
/// Without a Fabric release every network script stops at once with an error that says
/// what to do. These tests need no Fabric, so they always run.
/// </summary>
public sealed class ScriptGuardTests
{
    internal const string MissingFabricHome =
        "FABRIC_HOME is not set: point it at an unpacked Fabric 2.5 release (bin/, config/, builders/ccaas/bin/)";

    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("up.sh")]
    [InlineData("deploy-ccaas.sh", "--name", "kv")]
    [InlineData("invoke.sh", "--name", "kv", "Put", "k", "v")]
    [InlineData("query.sh", "--name", "kv", "Get", "k")]
    [InlineData("status.sh")]
    public async Task Script_FabricHomeUnset_ExitsWithClearError(string script, params string[] arguments)
    {
        var runDir = Directory.CreateTempSubdirectory("medchain-net-").FullName;
        try
        {
            var result = await ScriptRunner.RunScriptAsync(
                script, arguments, Environment(null, runDir), _timeout, TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(MissingFabricHome, result.StandardError, StringComparison.Ordinal);
            // Nothing was created: the check comes before any state is written.
            Assert.Empty(Directory.EnumerateFileSystemEntries(runDir));
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
    }

    [Fact]
    public async Task Up_FabricHomeWithoutBinaries_NamesTheMissingFile()
    {
        var fabricHome = Directory.CreateTempSubdirectory("medchain-fabric-").FullName;
        try
        {
            var result = await ScriptRunner.RunScriptAsync(
                "up.sh", [], Environment(fabricHome, Path.Combine(fabricHome, "run")), _timeout, TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{fabricHome}/bin/peer is missing or not executable", result.StandardError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(fabricHome, "run")));
        }
        finally
        {
            Directory.Delete(fabricHome, recursive: true);
        }
    }

    [Fact]
    public async Task MakeNetworkUp_FabricHomeUnset_FailsWithTheScriptsError()
    {
        var result = await ScriptRunner.RunAsync(
            "make", ["--no-print-directory", "network-up"], Environment(null, null), _timeout, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(MissingFabricHome, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_UnknownProcess_ExitsNamingIt()
    {
        var runDir = Directory.CreateTempSubdirectory("medchain-net-").FullName;
        try
        {
            var result = await ScriptRunner.RunScriptAsync(
                "stop.sh", ["peer9.nowhere"], Environment(null, runDir), _timeout, TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("no process 'peer9.nowhere'", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
    }

    [Fact]
    public async Task Up_BadTlsSetting_IsRejected()
    {
        var fabricHome = System.Environment.GetEnvironmentVariable("FABRIC_HOME");
        if (string.IsNullOrEmpty(fabricHome))
        {
            Assert.Skip("FABRIC_HOME is not set: the setting is validated after the release is found.");
        }

        var runDir = Directory.CreateTempSubdirectory("medchain-net-").FullName;
        try
        {
            var environment = Environment(fabricHome, runDir);
            environment["NETWORK_TLS"] = "maybe";

            var result = await ScriptRunner.RunScriptAsync("up.sh", [], environment, _timeout, TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("NETWORK_TLS must be true or false, not 'maybe'", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
    }

    private static Dictionary<string, string?> Environment(string? fabricHome, string? runDir) => new()
    {
        ["FABRIC_HOME"] = fabricHome,
        ["NETWORK_RUN_DIR"] = runDir,
        ["NETWORK_TLS"] = null,
        ["NETWORK_PORT_BASE"] = null,
    };
}
