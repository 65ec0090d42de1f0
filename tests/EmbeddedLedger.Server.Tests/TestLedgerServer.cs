using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Net.Client;
using MedChain.FabricClient;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace MedChain.EmbeddedLedger.Server.Tests;

/// <summary>The channel's organizations for the tests: each a CA (its PEM files written once) that issues members.</summary>
internal static class Orgs
{
    public const string Hospital = "Org1MSP";
    public const string Pharmacy = "Org2MSP";
    public const string Regulator = "Org3MSP";
    public const string Registry =
        """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"Org2MSP","kind":"pharmacy"},{"mspId":"Org3MSP","kind":"regulator"}]}""";

    public static readonly TestCertificates HospitalCa = TestCertificates.Create("Org1 CA");
    public static readonly TestCertificates PharmacyCa = TestCertificates.Create("Org2 CA");
    public static readonly TestCertificates RegulatorCa = TestCertificates.Create("Org3 CA");

    /// <summary>A CA no organization of the channel trusts.</summary>
    public static readonly TestCertificates StrangerCa = TestCertificates.Create("Stranger CA");

    private static readonly string _directory = Directory.CreateTempSubdirectory("medchain-ledger-server-cas-").FullName;
    private static readonly Lazy<(string Certificate, string Key)> _hospitalFiles = new(() => Write(HospitalCa, "org1"));
    private static readonly Lazy<(string Certificate, string Key)> _pharmacyFiles = new(() => Write(PharmacyCa, "org2"));
    private static readonly Lazy<(string Certificate, string Key)> _regulatorFiles = new(() => Write(RegulatorCa, "org3"));

    /// <summary>The server's settings: the three organizations, the hospital's node, the registry; over <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["EmbeddedLedger:DataDirectory"] = dataDirectory,
        ["EmbeddedLedger:Port"] = "0",
        ["EmbeddedLedger:MspId"] = Hospital,
        ["EmbeddedLedger:CaPrivateKeyPath"] = _hospitalFiles.Value.Key,
        ["EmbeddedLedger:Organizations:Org1MSP"] = _hospitalFiles.Value.Certificate,
        ["EmbeddedLedger:Organizations:Org2MSP"] = _pharmacyFiles.Value.Certificate,
        ["EmbeddedLedger:Organizations:Org3MSP"] = _regulatorFiles.Value.Certificate,
        ["EmbeddedLedger:Registry"] = Registry,
    };

    /// <summary>A member of <paramref name="mspId"/> issued by <paramref name="ca"/> with MedChain attributes.</summary>
    public static Member Issue(TestCertificates ca, string mspId, string name, string role, string? personId = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = role };
        if (personId is not null)
        {
            attributes["medchain.id"] = personId;
        }

        using var certificate = AttributeCertificates.Issue(ca.Authority, mspId, name, attributes, key, TimeSpan.FromDays(1));
        return new Member(new Identity(mspId, System.Text.Encoding.UTF8.GetBytes(certificate.ExportCertificatePem())), new EcdsaSigner(key));
    }

    private static (string, string) Write(TestCertificates ca, string name)
    {
        var (certificate, key) = TestCertificates.WritePemFiles(ca.Authority, _directory, name);
        return (certificate, key!);
    }
}

/// <summary>A client identity and its signer.</summary>
internal sealed record Member(Identity Identity, EcdsaSigner Signer);

/// <summary>The embedded ledger server started in this process on a free port, and clients of it.</summary>
internal sealed class TestLedgerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private TestLedgerServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TestLedgerServer> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var app = EmbeddedLedgerServerHost.Build([], settings, console: false, time);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new TestLedgerServer(app, EmbeddedLedgerServerHost.BoundPort(app));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The medchain contract as <paramref name="member"/>, through the project's Gateway client over h2c.</summary>
    public (Gateway Gateway, Contract Contract) Connect(Member member)
    {
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
        _channels.Add(channel);
        var gateway = Gateway.Connect(member.Identity, member.Signer, channel);
        return (gateway, gateway.GetNetwork("medchain").GetContract("medchain"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

internal static class Json
{
    public static JsonElement Parse(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.Clone();
}
