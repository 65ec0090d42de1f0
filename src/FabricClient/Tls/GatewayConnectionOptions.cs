namespace MedChain.FabricClient;

/// <summary>How to reach a Gateway peer; used by <see cref="GatewayConnectionFactory"/>.</summary>
public sealed class GatewayConnectionOptions
{
    /// <summary>
    /// The peer's address: <c>host:port</c>, or a URI with <c>https://</c> or <c>http://</c>. Without a
    /// scheme, https is used when <see cref="TlsRootCertificatePath"/> is set, else http. Required.
    /// </summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>PEM file of the CA(s) that issued the peer's TLS certificate. Null: cleartext, or the system's roots for https.</summary>
    public string? TlsRootCertificatePath { get; set; }

    /// <summary>PEM file of the client's TLS certificate, for peers that require mutual TLS. Null: none.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM file of the client TLS certificate's private key; required with <see cref="ClientCertificatePath"/>. Null: none.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>
    /// Host name to expect in the peer's certificate instead of the endpoint's host (e.g.
    /// <c>peer0.org1.example.com</c> when connecting to <c>localhost:7051</c>). Null: the endpoint's host.
    /// </summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> if the settings are incomplete or contradictory.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            throw new ArgumentException($"{nameof(GatewayConnectionOptions)}.{nameof(Endpoint)} is required.", nameof(Endpoint));
        }

        if ((ClientCertificatePath is null) != (ClientKeyPath is null))
        {
            throw new ArgumentException("A client TLS certificate needs its key and a key needs its certificate: set both or neither.", nameof(ClientKeyPath));
        }

        if (Endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && (TlsRootCertificatePath is not null || ClientCertificatePath is not null))
        {
            throw new ArgumentException($"Endpoint '{Endpoint}' is cleartext (http://) but TLS files are set.", nameof(Endpoint));
        }
    }

    internal Uri Address()
    {
        var endpoint = Endpoint.Trim();
        if (endpoint.Contains("://", StringComparison.Ordinal))
        {
            return new Uri(endpoint);
        }

        var scheme = TlsRootCertificatePath is null && ClientCertificatePath is null ? "http" : "https";
        return new Uri($"{scheme}://{endpoint}");
    }
}
