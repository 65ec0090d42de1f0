using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using MedChain.TestSupport;

namespace MedChain.FabricGateway.Tests;

/// <summary>Each caller acts on chain as themselves: an enrolment of their own, kept with its key encrypted.</summary>
public sealed class PersonalIdentityTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    private const string _patientId = "pat-0123456789abcdef0123456789abcdef";
    private static readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task AnyCall_FirstTime_EnrolsThePersonWithTheirAttributesAndEncryptsTheKey()
    {
        using var client = fixture.CreateClient(subject: "dr-enrol", role: "doctor");

        using var response = await client.GetAsync(new Uri("/api/records/rec-enrol-probe", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stored = await ReadStoredIdentityAsync("doctor.dr-enrol.json");
        using var certificate = X509Certificate2.CreateFromPem(stored.GetProperty("certificatePem").GetString());
        Assert.Equal("doctor.dr-enrol", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Contains("O=Org1MSP", certificate.Subject, StringComparison.Ordinal);
        var attributes = JsonDocument.Parse(certificate.Extensions["1.2.3.4.5.6.7.8.1"]!.RawData).RootElement.GetProperty("attrs");
        Assert.Equal("dr-enrol", attributes.GetProperty("medchain.id").GetString());
        Assert.Equal("doctor", attributes.GetProperty("medchain.role").GetString());
        Assert.True(IssuedByHospitalCa(certificate), "the enrolment must chain to the organization's CA");
        var protectedKey = stored.GetProperty("protectedPrivateKey").GetString()!;
        Assert.DoesNotContain("PRIVATE KEY", protectedKey, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", stored.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_TwoPeople_EachGetTheirOwnCertificateAndKey()
    {
        using var first = fixture.CreateClient(subject: "dr-one", role: "doctor");
        using var second = fixture.CreateClient(subject: "dr-two", role: "doctor");

        using var a = await first.GetAsync(new Uri("/api/records/rec-two-probe", UriKind.Relative), _ct);
        using var b = await second.GetAsync(new Uri("/api/records/rec-two-probe", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.NotFound, a.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
        var one = await ReadStoredIdentityAsync("doctor.dr-one.json");
        var two = await ReadStoredIdentityAsync("doctor.dr-two.json");
        Assert.NotEqual(one.GetProperty("certificatePem").GetString(), two.GetProperty("certificatePem").GetString());
    }

    [Fact]
    public async Task Put_AsPatient_IsRefusedByTheLedgerStoresNothingAndLeavesTheIdFree()
    {
        // Anchoring is for doctors and the service: a patient's token must reach the chain as a patient, not as the service.
        using var client = fixture.CreateClient(subject: _patientId, role: "patient");
        var content = new ByteArrayContent(new byte[100]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await client.PutAsync(new Uri($"/api/records/rec-by-patient?patientId={_patientId}&recordType=lab-result", UriKind.Relative), content, _ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await Blobs().GetBlobContainerClient("medchain-records").GetBlobClient("rec-by-patient").ExistsAsync(_ct));

        // The failed anchor left the id free: the doctor can store under it.
        using var doctor = fixture.CreateClient();
        var retry = new ByteArrayContent(new byte[100]);
        retry.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var stored = await doctor.PutAsync(new Uri($"/api/records/rec-by-patient?patientId={_patientId}&recordType=lab-result", UriKind.Relative), retry, _ct);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
    }

    [Fact]
    public async Task GetAnchor_TokenWithTwoRoles_Returns403ProblemDetails()
    {
        using var client = fixture.Factory.CreateClient();
        var token = fixture.Tokens.Create("dr-ambiguous", "doctor", extraRole: "regulator");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync(new Uri("/api/records/rec-two-roles", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private bool IssuedByHospitalCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(fixture.HospitalCa.Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private async Task<JsonElement> ReadStoredIdentityAsync(string name)
    {
        var content = await Blobs().GetBlobContainerClient("medchain-identities").GetBlobClient(name).DownloadContentAsync(_ct);
        return JsonDocument.Parse(content.Value.Content.ToString()).RootElement;
    }

    private BlobServiceClient Blobs() =>
        new(fixture.Azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey));
}
