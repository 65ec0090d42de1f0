using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MedChain.Shim;

/// <summary>
/// Settings of a <see cref="ChaincodeServer"/>, named after the environment variables Fabric's shims
/// and fabric-samples use for chaincode-as-a-service (see <see cref="FromEnvironment()"/>).
/// </summary>
public sealed class ChaincodeServerOptions
{
    /// <summary>Environment variable with the listen address, host:port (e.g. 0.0.0.0:9999).</summary>
    public const string AddressVariable = "CHAINCODE_SERVER_ADDRESS";

    /// <summary>Environment variable with the package id, as fabric-samples' deployCCAAS passes it.</summary>
    public const string PackageIdVariable = "CORE_CHAINCODE_ID_NAME";

    /// <summary>Alternative environment variable with the package id (Fabric's external chaincode samples).</summary>
    public const string AlternativePackageIdVariable = "CHAINCODE_ID";

    /// <summary>Environment variable: "true" serves cleartext, "false" TLS.</summary>
    public const string TlsDisabledVariable = "CHAINCODE_TLS_DISABLED";

    /// <summary>Environment variable: path of the server's PEM private key.</summary>
    public const string TlsKeyVariable = "CHAINCODE_TLS_KEY";

    /// <summary>Environment variable: path of the server's PEM certificate.</summary>
    public const string TlsCertVariable = "CHAINCODE_TLS_CERT";

    /// <summary>Environment variable: path of the PEM CA certificate(s) that peers' client certificates must chain to.</summary>
    public const string ClientCaCertVariable = "CHAINCODE_CLIENT_CA_CERT";

    /// <summary>Where to listen, host:port. Required. A host of 0.0.0.0, * or empty listens on every interface.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The chaincode package id (label:hash) the peer installed. Required.</summary>
    public string PackageId { get; set; } = string.Empty;

    /// <summary>True (default) serves cleartext HTTP/2; false serves TLS with <see cref="KeyPath"/> and <see cref="CertPath"/>.</summary>
    public bool TlsDisabled { get; set; } = true;

    /// <summary>PEM private key of the server certificate. Required when TLS is on.</summary>
    public string? KeyPath { get; set; }

    /// <summary>PEM server certificate. Required when TLS is on.</summary>
    public string? CertPath { get; set; }

    /// <summary>PEM CA certificate(s) for mutual TLS: peers must present a certificate issued by one of them. Null: no client certificate asked.</summary>
    public string? ClientCaCertPath { get; set; }

    /// <summary>Idle time after which the server pings the peer's connection (Kestrel HTTP/2 PING). Default 1 minute, the Go shim's server default; at least 1 second.</summary>
    public TimeSpan KeepAliveTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a keep-alive ping may go unanswered before the connection is closed. Default 20 seconds; at least 1 second.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest message sent or received, in bytes. Default 100 MiB, as Fabric's peer and shims.</summary>
    public int MaxMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>How long a graceful stop waits for running transactions before cancelling them. Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads CHAINCODE_SERVER_ADDRESS, CORE_CHAINCODE_ID_NAME (else CHAINCODE_ID), CHAINCODE_TLS_DISABLED,
    /// CHAINCODE_TLS_KEY, CHAINCODE_TLS_CERT and CHAINCODE_CLIENT_CA_CERT. When CHAINCODE_TLS_DISABLED is
    /// unset, TLS is on exactly when CHAINCODE_TLS_CERT is set. Call <see cref="Validate"/> (the server does) to check them.
    /// </summary>
    public static ChaincodeServerOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromEnvironment()"/>, reading variables through <paramref name="getVariable"/>.</summary>
    public static ChaincodeServerOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? Get(string name) => getVariable(name) is { Length: > 0 } value ? value.Trim() : null;

        var cert = Get(TlsCertVariable);
        var tlsDisabledText = Get(TlsDisabledVariable);
        bool tlsDisabled;
        if (tlsDisabledText is null)
        {
            tlsDisabled = cert is null;
        }
        else if (!bool.TryParse(tlsDisabledText, out tlsDisabled))
        {
            throw new InvalidOperationException($"{TlsDisabledVariable} must be 'true' or 'false', not '{tlsDisabledText}'.");
        }

        return new ChaincodeServerOptions
        {
            Address = Get(AddressVariable) ?? string.Empty,
            PackageId = Get(PackageIdVariable) ?? Get(AlternativePackageIdVariable) ?? string.Empty,
            TlsDisabled = tlsDisabled,
            KeyPath = Get(TlsKeyVariable),
            CertPath = cert,
            ClientCaCertPath = Get(ClientCaCertVariable),
        };
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every missing or wrong setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(PackageId))
        {
            problems.Add($"The package id is missing: set {PackageIdVariable} (or {AlternativePackageIdVariable}) to the id 'peer lifecycle chaincode install' printed.");
        }

        if (string.IsNullOrWhiteSpace(Address))
        {
            problems.Add($"The listen address is missing: set {AddressVariable}, e.g. 0.0.0.0:9999.");
        }
        else if (!TrySplitAddress(Address, out _, out _))
        {
            problems.Add($"{AddressVariable} '{Address}' is not host:port with a port from 0 (any free port) to 65535.");
        }

        if (!TlsDisabled)
        {
            RequireFile(problems, KeyPath, TlsKeyVariable, "the server's private key");
            RequireFile(problems, CertPath, TlsCertVariable, "the server's certificate");
        }

        if (ClientCaCertPath is not null)
        {
            if (TlsDisabled)
            {
                problems.Add($"{ClientCaCertVariable} asks for mutual TLS, but TLS is disabled ({TlsDisabledVariable}).");
            }
            else
            {
                RequireFile(problems, ClientCaCertPath, ClientCaCertVariable, "the CA of peers' client certificates");
            }
        }

        // Kestrel's HTTP/2 PING settings refuse anything under a second.
        if (KeepAliveTime < TimeSpan.FromSeconds(1) || KeepAliveTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add("KeepAliveTime and KeepAliveTimeout must be at least 1 second.");
        }

        if (MaxMessageSize <= 0)
        {
            problems.Add("MaxMessageSize must be positive.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add("ShutdownTimeout must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid chaincode server settings:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        }
    }

    /// <summary>The address to bind, resolving a host name.</summary>
    internal IPEndPoint ResolveEndPoint()
    {
        if (!TrySplitAddress(Address, out var host, out var port))
        {
            throw new InvalidOperationException($"{AddressVariable} '{Address}' is not host:port.");
        }

        if (host is "" or "*" or "0.0.0.0")
        {
            return new IPEndPoint(IPAddress.Any, port);
        }

        if (host is "::" or "[::]")
        {
            return new IPEndPoint(IPAddress.IPv6Any, port);
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return new IPEndPoint(ip, port);
        }

        var addresses = Dns.GetHostAddresses(host);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{AddressVariable}: the host '{host}' has no address.");
        return new IPEndPoint(chosen, port);
    }

    private static bool TrySplitAddress(string address, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        var colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        host = address[..colon];
        return int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;
    }

    private static void RequireFile(List<string> problems, string? path, string variable, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"TLS is on but {what} is missing: set {variable} to a PEM file (or {TlsDisabledVariable}=true).");
        }
        else if (!File.Exists(path))
        {
            problems.Add($"{variable}: the file '{path}' ({what}) does not exist.");
        }
    }
}
