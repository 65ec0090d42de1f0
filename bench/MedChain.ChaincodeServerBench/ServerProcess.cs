using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MedChain.ChaincodeServerBench;

/// <summary>
/// A chaincode server started as its own process (<c>dotnet server.dll</c>, or a published executable such as a
/// Native AOT build run directly), read through /proc.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    // USER_HZ: the unit of utime/stime in /proc/pid/stat; 100 on every Linux the bench runs on.
    private const double _ticksPerSecond = 100;
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Id => _process.Id;

    public static ServerProcess Start(string path, string packageId)
    {
        var port = FreePort();
        var isAssembly = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(isAssembly ? "dotnet" : path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (isAssembly)
        {
            info.ArgumentList.Add(path);
        }

        info.Environment["CHAINCODE_SERVER_ADDRESS"] = $"127.0.0.1:{port}";
        info.Environment["CORE_CHAINCODE_ID_NAME"] = packageId;
        info.Environment["CHAINCODE_TLS_DISABLED"] = "true";
        // The server logs each connection; nobody reads it here, so drain it to keep the pipe from filling.
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {path}.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, port);
    }

    /// <summary>User + system CPU seconds of the server process so far.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / _ticksPerSecond;
    }

    /// <summary>Peak resident set size (VmHWM) in MB.</summary>
    public double PeakResidentMegabytes() => StatusKilobytes("VmHWM:") / 1024.0;

    /// <summary>Resident set size now (VmRSS) in MB.</summary>
    public double ResidentMegabytes() => StatusKilobytes("VmRSS:") / 1024.0;

    /// <summary>Resident anonymous memory now (RssAnon: heaps, JIT code) in MB; the rest is mapped files.</summary>
    public double AnonymousResidentMegabytes() => StatusKilobytes("RssAnon:") / 1024.0;

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
