namespace MedChain.FabricCa;

/// <summary>How to reach a Fabric CA server.</summary>
public sealed class FabricCaClientOptions
{
    /// <summary>The server, e.g. <c>https://ca.org1.example.com:7054</c>. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>The CA's name on the server (<c>ca.name</c>); null: the server's default CA.</summary>
    public string? CaName { get; set; }

    /// <summary>PEM file of the root(s) the server's TLS certificate must chain to; null: the system's roots.</summary>
    public string? TlsRootCertificatePath { get; set; }

    /// <summary>Deadline of one request. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
