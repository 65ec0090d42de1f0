using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MedChain.TestSupport;

/// <summary>
/// A real <c>fabric-ca-server</c> from <c>$FABRIC_CA_HOME/bin</c> on 127.0.0.1, a free port and a temporary home:
/// TLS on (its certificate issued by the CA itself, for localhost and 127.0.0.1), one CA named <see cref="CaName"/>
/// and a bootstrap registrar <see cref="AdminId"/>. Tests skip themselves when <see cref="SkipReason"/> is set.
/// </summary>
public sealed class FabricCaServerProcess : IAsyncDisposable
{
    public const string CaName = "ca-org1";
    public const string AdminId = "admin";
    public const string AdminSecret = "adminpw";

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    private FabricCaServerProcess(string home, int port)
    {
        Home = home;
        Port = port;
    }

    /// <summary>Why the server cannot run here (FABRIC_CA_HOME unset or without the binary); null when it can.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable("FABRIC_CA_HOME") is not { Length: > 0 } home
            ? "FABRIC_CA_HOME is not set: point it at a fabric-ca build (bin/fabric-ca-server), see README"
            : File.Exists(Path.Combine(home, "bin", "fabric-ca-server"))
                ? null
                : $"FABRIC_CA_HOME={home} has no bin/fabric-ca-server";

    /// <summary>The server's home (configuration, database, ca-cert.pem).</summary>
    public string Home { get; }

    public int Port { get; }

    /// <summary>https://localhost:port (the name its TLS certificate carries).</summary>
    public Uri Url => new($"https://localhost:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The CA's self-signed certificate: the root of enrolment certificates and of the server's TLS certificate.</summary>
    public string CaCertificatePath => Path.Combine(Home, "ca-cert.pem");

    /// <summary>Starts a server; throws when <see cref="SkipReason"/> is set.</summary>
    public static async Task<FabricCaServerProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        if (SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var server = new FabricCaServerProcess(Directory.CreateTempSubdirectory("medchain-fabric-ca-").FullName, FreePort.Next());
        try
        {
            await server.StartProcessAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            finally
            {
                process.Dispose();
            }
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var executable = Path.Combine(Environment.GetEnvironmentVariable("FABRIC_CA_HOME")!, "bin", "fabric-ca-server");
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])
        [
            "start", "--home", Home, "--boot", $"{AdminId}:{AdminSecret}", "--ca.name", CaName,
            "--address", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--tls.enabled", "--csr.hosts", "localhost,127.0.0.1",
            // Its operations endpoint defaults to a fixed port (9443) that parallel runs would fight over.
            "--operations.listenaddress", $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
        ])
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_startTimeout);
        try
        {
            await _listening.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"fabric-ca-server did not start within {_startTimeout.TotalSeconds} s:\n{Output}");
        }

        if (process.HasExited)
        {
            throw new InvalidOperationException($"fabric-ca-server exited during start-up:\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Listening on https://", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
