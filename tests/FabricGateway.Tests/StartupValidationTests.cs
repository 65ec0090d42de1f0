using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore;
using MedChain.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Tests;

public sealed class StartupValidationTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    [Fact]
    public async Task Start_ValidOptions_Starts()
    {
        using var host = Build(new Dictionary<string, string?>());

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Fabric:Endpoint", "", "Endpoint")]
    [InlineData("Fabric:MspId", "not an msp id", "MspId")]
    [InlineData("Storage:AccountKey", "", "AccountName and AccountKey go together")]
    [InlineData("Storage:AccountKey", "not base64!", "AccountKey must be the storage account's base64 key")]
    [InlineData("Encryption:PrivateKeyPath", "/nonexistent/key.pem", "Encryption:PrivateKeyPath")]
    [InlineData("Authentication:Audience", "", "Audience")]
    [InlineData("Authentication:ClockSkew", "00:30:00", "ClockSkew")]
    [InlineData("Authentication:IssuerSigningKeyPath", "/nonexistent/token-key.pem", "IssuerSigningKeyPath")]
    [InlineData("Authentication:Authority", "https://login.example.org/realms/org1", "either Authority or Issuer")]
    [InlineData("Authentication:ClientCertificateRootsPath", "/nonexistent/roots.pem", "ClientCertificateRootsPath")]
    [InlineData("PendingWork:AnchorGracePeriod", "00:00:00", "PendingWork:AnchorGracePeriod")]
    [InlineData("PendingWork:Directory", "/proc/medchain-pending-work", "PendingWork:Directory")]
    public async Task Start_InvalidOption_FailsNamingIt(string key, string value, string expected)
    {
        var error = await StartFailureAsync(Build(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoTokenIssuerConfigured_FailsNamingAuthority()
    {
        var error = await StartFailureAsync(Build(new Dictionary<string, string?> { ["Authentication:Issuer"] = "", ["Authentication:IssuerSigningKeyPath"] = "" }));

        Assert.Contains("either Authority or Issuer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fabric:Endpoint", "Fabric:Endpoint must be https outside Development")]
    [InlineData("Storage:ServiceUri", "Storage:ServiceUri must be https outside Development")]
    public async Task Start_HttpEndpointOutsideDevelopment_FailsNamingIt(string plainHttpSetting, string expected)
    {
        // The fixture's peer and Azurite are plain http; the other one is made https so only one is refused.
        var other = plainHttpSetting == "Fabric:Endpoint" ? "Storage:ServiceUri" : "Fabric:Endpoint";
        var error = await StartFailureAsync(Build(new Dictionary<string, string?> { [other] = "https://medchain.example.org:7051" }, environment: "Production"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        var refusedOther = other == "Fabric:Endpoint" ? "Fabric:Endpoint must be https" : "Storage:ServiceUri must be https";
        Assert.DoesNotContain(refusedOther, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FabricCaMode_ValidOptions_Starts()
    {
        using var host = Build(FabricCaSettings());

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Enrollment:FabricCaUrl", null, "FabricCaUrl is required")]
    [InlineData("Enrollment:FabricCaUrl", "not a url", "FabricCaUrl")]
    [InlineData("Enrollment:FabricCaName", "", "FabricCaName")]
    [InlineData("Enrollment:FabricCaName", "ca org1", "FabricCaName")]
    [InlineData("Enrollment:FabricCaTlsRootCertificatePath", "/nonexistent/ca-tls.pem", "FabricCaTlsRootCertificatePath")]
    [InlineData("Enrollment:RegistrarCertificatePath", "/nonexistent/registrar.pem", "RegistrarCertificatePath")]
    [InlineData("Enrollment:RegistrarPrivateKeyPath", "", "RegistrarPrivateKeyPath")]
    public async Task Start_FabricCaModeInvalidOption_FailsNamingIt(string key, string? value, string expected)
    {
        var error = await StartFailureAsync(Build(new Dictionary<string, string?>(FabricCaSettings()) { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FabricCaOverHttpOutsideDevelopment_FailsNamingFabricCaUrl()
    {
        var error = await StartFailureAsync(Build(
            new Dictionary<string, string?>(FabricCaSettings())
            {
                ["Enrollment:FabricCaUrl"] = "http://ca.org1.example.org:7054",
                ["Fabric:Endpoint"] = "https://medchain.example.org:7051",
                ["Storage:ServiceUri"] = "https://medchain.example.org:10000/devstoreaccount1",
            },
            environment: "Production"));

        Assert.Contains("Enrollment:FabricCaUrl must be https outside Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EntraIdOverHttp_FailsNamingServiceUri()
    {
        var error = await StartFailureAsync(Build(new Dictionary<string, string?> { ["Storage:AccountName"] = "", ["Storage:AccountKey"] = "" }));

        Assert.Contains("ServiceUri must be https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_WithAccountKey_SignsWithSharedKey()
    {
        using var host = Build(new Dictionary<string, string?>());

        var blobs = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(AzuriteProcess.AccountName, blobs.AccountName);
        Assert.True(blobs.CanGenerateAccountSasUri); // only a Shared Key credential can sign SAS
    }

    [Fact]
    public void Storage_WithoutAccountKey_SignsInWithEntraId()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Storage:ServiceUri"] = "https://medchainrecords.blob.core.windows.net",
            ["Storage:AccountName"] = "",
            ["Storage:AccountKey"] = "",
        });

        var blobs = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Equal("medchainrecords", blobs.AccountName);
        Assert.False(blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public async Task Start_AccountWithBlobSoftDelete_RefusedUnlessAllowed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteProcess.StartAsync(ct);
        var blobs = new BlobServiceClient(azurite.BlobEndpoint, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey));
        var properties = (await blobs.GetPropertiesAsync(ct)).Value;
        properties.DeleteRetentionPolicy = new BlobRetentionPolicy { Enabled = true, Days = 7 };
        await blobs.SetPropertiesAsync(properties, ct);
        var storage = new Dictionary<string, string?> { ["Storage:ServiceUri"] = azurite.BlobEndpoint.ToString() };

        using (var refused = Build(storage))
        {
            var error = await Assert.ThrowsAsync<RecoverableDeletesException>(() => refused.StartAsync(ct));
            Assert.Contains("soft delete is enabled", error.Message, StringComparison.Ordinal);
        }

        using var allowed = Build(new Dictionary<string, string?>(storage) { ["Storage:AllowRecoverableDeletes"] = "true" });
        await allowed.StartAsync(ct);
        await allowed.StopAsync(ct);
    }

    /// <summary>Valid FabricCa-mode settings (start-up checks that the files exist, not what they hold).</summary>
    private Dictionary<string, string?> FabricCaSettings()
    {
        var pem = fixture.Settings["Enrollment:CaCertificatePath"];
        return new Dictionary<string, string?>
        {
            ["Enrollment:Mode"] = "FabricCa",
            ["Enrollment:FabricCaUrl"] = "https://ca.org1.example.org:7054",
            ["Enrollment:FabricCaName"] = "ca-org1",
            ["Enrollment:FabricCaTlsRootCertificatePath"] = pem,
            ["Enrollment:RegistrarCertificatePath"] = pem,
            ["Enrollment:RegistrarPrivateKeyPath"] = pem,
        };
    }

    /// <summary>Starts <paramref name="host"/>, which must refuse its options; disposes it and returns the refusal.</summary>
    private static async Task<OptionsValidationException> StartFailureAsync(WebApplication host)
    {
        await using (host)
        {
            return await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>The service's registrations on a bare host with the fixture's settings and <paramref name="overrides"/>: start-up validation without a web server.</summary>
    private WebApplication Build(IReadOnlyDictionary<string, string?> overrides, string environment = "Development")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(fixture.Settings);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddMedChainGateway();
        return builder.Build();
    }
}
