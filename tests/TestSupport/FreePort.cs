using System.Net;
using System.Net.Sockets;

namespace MedChain.TestSupport;

/// <summary>Finds a TCP port on 127.0.0.1 that is free right now (for processes that cannot bind port 0 and report back).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
