using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MedChain.TestSupport;

/// <summary>
/// One Azurite blob service (npm azurite, from the repository's node_modules) on 127.0.0.1, a free port and its
/// own data directory. Can be stopped and restarted on the same port and directory, e.g. to simulate an outage.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's documented development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's documented development account key (public, for local emulation only).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);
    private readonly string _executable;
    private readonly bool _ownsLocation;
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArguments;
    private Process? _process;

    private AzuriteProcess(string executable, string location, bool ownsLocation, int port, string[] extraArguments)
    {
        _executable = executable;
        Location = location;
        _ownsLocation = ownsLocation;
        Port = port;
        _extraArguments = extraArguments;
    }

    /// <summary>The data directory (--location).</summary>
    public string Location { get; }

    /// <summary>The blob port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The Blob endpoint, http://127.0.0.1:port/devstoreaccount1 (https when started with OAuth).</summary>
    public Uri BlobEndpoint => new($"{(_extraArguments.Length > 0 ? "https" : "http")}://127.0.0.1:{Port}/{AccountName}");

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite on a free port with a new temporary data directory.</summary>
    public static Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default) => StartAsync([], cancellationToken);

    /// <summary>
    /// Starts Azurite over https with the PEM certificate and key given, accepting Microsoft Entra ID bearer tokens
    /// (--oauth basic: issuer, audience and lifetime are checked, the signature is not) as well as Shared Key.
    /// </summary>
    public static Task<AzuriteProcess> StartWithOAuthAsync(string certificatePath, string keyPath, CancellationToken cancellationToken = default) =>
        StartAsync(["--oauth", "basic", "--cert", certificatePath, "--key", keyPath], cancellationToken);

    private static async Task<AzuriteProcess> StartAsync(string[] extraArguments, CancellationToken cancellationToken)
    {
        var executable = FindExecutable();
        var location = Path.Combine(Path.GetTempPath(), "medchain-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var azurite = new AzuriteProcess(executable, location, ownsLocation: true, FreePort(), extraArguments);
        try
        {
            await azurite.RestartAsync(cancellationToken);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>Starts the process (again) on the same port and data directory and waits until it answers.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])
        [
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", Location, "--skipApiVersionCheck", "--disableTelemetry", "--silent",
            .. _extraArguments,
        ])
        {
            start.ArgumentList.Add(arg);
        }

        lock (_output)
        {
            _output.Clear();
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {_executable} (is node installed?): {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilListeningAsync(cancellationToken);
    }

    /// <summary>
    /// Stops Azurite, keeping its data directory. <paramref name="graceful"/> sends SIGTERM so that Azurite saves
    /// its metadata (as a restartable outage); otherwise, or if it hasn't exited within 30 s, the process tree is killed.
    /// </summary>
    public async Task StopAsync(bool graceful = false)
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (graceful && !process.HasExited)
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                if (term is not null)
                {
                    await term.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Fall through to the kill.
                }
            }

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

    /// <summary>Stops Azurite and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsLocation)
        {
            try
            {
                Directory.Delete(Location, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory.
            }
        }
    }

    /// <summary>Walks up from the test's directory to the one holding MedChain.sln.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedChain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MedChain.sln not found above {AppContext.BaseDirectory}.");
    }

    private static string FindExecutable()
    {
        var root = FindRepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {executable} is missing. Run `npm ci` in {root} (or `make setup`) to install azurite from package.json.");
        }

        return executable;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _startTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"Azurite exited during start-up (port {Port}):\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (SocketException e)
            {
                await StopAsync();
                throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{Port} within {_startTimeout.TotalSeconds} s:\n{Output()}", e);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
