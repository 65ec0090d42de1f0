using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using MedChain.FabricGateway.Ledger;
using MedChain.Shim;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedChain.FabricGateway.Tests;

/// <summary>
/// The service with <c>Ledger:Mode=Embedded</c>: the MedChain chaincode in its own process, no peer (no Fabric
/// endpoint configured), through the HTTP API; the ledger survives a restart of the service.
/// </summary>
public sealed class EmbeddedLedgerModeTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>, IDisposable
{
    private const string _patientId = "pat-e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0";
    private static readonly CancellationToken _ct = CancellationToken.None;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("medchain-embedded-ledger-").FullName;

    [Fact]
    public async Task EmbeddedMode_StoreGrantConsentRead_ThroughTheHttpApi_AndTheLedgerSurvivesARestart()
    {
        var content = RandomNumberGenerator.GetBytes(5000);
        using (var factory = CreateFactory())
        {
            await BootstrapAsync(factory);
            using var doctor = fixture.CreateClient(factory, subject: "dr-embedded");
            using var patient = fixture.CreateClient(factory, subject: _patientId, role: "patient");

            var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using (var stored = await doctor.PutAsync(Uri($"/api/records/rec-embedded?patientId={_patientId}&recordType=lab-result"), body, _ct))
            {
                Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync(_ct));
            }

            using (var consented = await patient.PostAsJsonAsync(Uri($"/api/patients/{_patientId}/consents"), new { granteeMspId = GatewayServiceFixture.HospitalB, recordTypes = new[] { "lab-result" }, purpose = "treatment", end = DateTimeOffset.UtcNow.AddDays(1) }, _ct))
            {
                Assert.True(consented.StatusCode == HttpStatusCode.Created, await consented.Content.ReadAsStringAsync(_ct));
            }

            Assert.Equal(content, await doctor.GetByteArrayAsync(Uri("/api/records/rec-embedded/content?purpose=treatment"), _ct));
            using var again = await doctor.PutAsync(Uri($"/api/records/rec-embedded?patientId={_patientId}&recordType=lab-result"), new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, _ct);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.True(new FileInfo(Path.Combine(_dataDirectory, "blocks.log")).Length > 0);

        // A new process on the same data directory: the anchor, the consent and the access log are still there.
        using (var restarted = CreateFactory())
        {
            using var doctor = fixture.CreateClient(restarted, subject: "dr-embedded");
            using var patient = fixture.CreateClient(restarted, subject: _patientId, role: "patient");

            Assert.Equal(content, await doctor.GetByteArrayAsync(Uri("/api/records/rec-embedded/content?purpose=treatment"), _ct));
            using var log = await patient.GetAsync(Uri($"/api/patients/{_patientId}/access-log"), _ct);
            Assert.Equal(HttpStatusCode.OK, log.StatusCode);
            var entries = JsonDocument.Parse(await log.Content.ReadAsStringAsync(_ct)).RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Equal("custodian", e.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public async Task EmbeddedMode_ACallerWhoseCertificateDoesNotChainToItsOrganizationsCa_IsRefusedAndNothingIsWritten()
    {
        // Hospital B's service, whose ledger is told that hospital A's CA is Org3MSP's: B's enrolments do not chain.
        using var factory = fixture.HospitalBFactory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in EmbeddedSettings(new() { ["Ledger:Organizations:Org3MSP"] = fixture.Settings["Enrollment:CaCertificatePath"] }))
            {
                builder.UseSetting(key, value);
            }
        });
        await BootstrapAsync(factory);
        var peer = await factory.Services.GetRequiredService<EmbeddedLedgerHost>().GetPeerAsync(_ct);
        var height = peer.Ledger.Height;
        using var doctor = fixture.CreateClient(factory, subject: "dr-untrusted");

        using var response = await doctor.GetAsync(Uri("/api/records/rec-none"), _ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(height, peer.Ledger.Height);
    }

    [Theory]
    [InlineData("Ledger:DataDirectory", "", "Ledger:DataDirectory")]
    [InlineData("Ledger:DataDirectory", "/proc/medchain-ledger", "Ledger:DataDirectory")]
    [InlineData("Ledger:Organizations:Org1MSP", "/nonexistent/ca.pem", "Ledger:Organizations must map each MSP id")]
    public async Task EmbeddedMode_InvalidOption_RefusesToStartNamingIt(string key, string value, string expected)
    {
        await using var host = BuildHost(EmbeddedSettings(new() { [key] = value }));

        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(_ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedMode_OrganizationsWithoutTheServicesOwnMsp_RefusesToStart()
    {
        // Configuration cannot remove the fixture's Org1MSP entry; a service of another MSP has the same gap.
        await using var host = BuildHost(EmbeddedSettings(new() { ["Fabric:MspId"] = "Org9MSP" }));

        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(_ct));

        Assert.Contains("must include the service's own Fabric:MspId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedMode_BlockLogDamagedBeforeItsLastEntry_RefusesToStart()
    {
        // Not a block log entry, and not a zero-filled tail either: damage, not a torn append.
        await File.WriteAllBytesAsync(Path.Combine(_dataDirectory, "blocks.log"), Enumerable.Repeat((byte)0x5a, 200).ToArray(), _ct);
        await using var host = BuildHost(EmbeddedSettings());

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(_ct));

        var error = Assert.IsType<MedChain.EmbeddedLedger.Persistence.BlockLogCorruptException>(thrown is AggregateException all ? Assert.Single(all.InnerExceptions) : thrown);

        Assert.Equal(0, error.Offset);
        Assert.Equal(200, new FileInfo(Path.Combine(_dataDirectory, "blocks.log")).Length);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>The service's registrations on a bare host with the fixture's settings and <paramref name="overrides"/>.</summary>
    private Microsoft.AspNetCore.Builder.WebApplication BuildHost(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, fixture.Settings);
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, overrides);
        builder.AddMedChainGateway();
        return builder.Build();
    }

    private WebApplicationFactory<Program> CreateFactory() => fixture.WithSettings(EmbeddedSettings());

    private Dictionary<string, string?> EmbeddedSettings(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ledger:Mode"] = "Embedded",
            ["Ledger:DataDirectory"] = _dataDirectory,
            ["Ledger:Organizations:Org1MSP"] = fixture.Settings["Enrollment:CaCertificatePath"],
            // No peer: the embedded ledger needs no Fabric endpoint.
            ["Fabric:Endpoint"] = string.Empty,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>What deploying the chaincode does on Fabric: the init invocation with the registry, then the patient's enrolment.</summary>
    private async Task BootstrapAsync(WebApplicationFactory<Program> factory)
    {
        _ = factory.Server;
        var peer = await factory.Services.GetRequiredService<EmbeddedLedgerHost>().GetPeerAsync(_ct);
        using var service = IssuedMember.Create(fixture.HospitalCa.Authority, GatewayServiceFixture.Hospital, "gateway", "service");
        var init = await peer.InitAsync(service, ["Admin:InitRegistry", GatewayServiceFixture.Registry], _ct);
        Assert.True(init.IsValid, init.Response.Message);
        var enrolled = await peer.SubmitAsync(service, ["Patient:Enroll", _patientId], null, _ct);
        Assert.True(enrolled.IsValid, enrolled.Response.Message);
    }

    private static Uri Uri(string path) => new(path, UriKind.Relative);

    /// <summary>A member enrolled by its organization's CA, with MedChain attributes, signing its own proposals.</summary>
    private sealed class IssuedMember(string mspId, string certificatePem, ECDsa key) : ITransactionCreator, IDisposable
    {
        public string MspId { get; } = mspId;

        public byte[] SerializedIdentity { get; } = new MspPb.SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFrom(certificatePem, Encoding.UTF8) }.ToByteArray();

        public static IssuedMember Create(X509Certificate2 ca, string mspId, string commonName, string role)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={commonName}, OU=client, O={mspId}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509Extension(ClientIdentity.AttributesExtensionOid, JsonSerializer.SerializeToUtf8Bytes(new { attrs = new Dictionary<string, string> { ["medchain.role"] = role } }), critical: false));
            using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
            return new IssuedMember(mspId, issued.ExportCertificatePem(), key);
        }

        public byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        public void Dispose() => key.Dispose();
    }
}
