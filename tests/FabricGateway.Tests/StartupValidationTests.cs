using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.OffchainStore;
using MedChain.TestSupport;
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
    public async Task Start_InvalidOption_FailsNamingIt(string key, string value, string expected)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EntraIdOverHttp_FailsNamingServiceUri()
    {
        using var host = Build(new Dictionary<string, string?> { ["Storage:AccountName"] = "", ["Storage:AccountKey"] = "" });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

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

    /// <summary>The service's registrations on a bare host with the fixture's settings and <paramref name="overrides"/>: start-up validation without a web server.</summary>
    private IHost Build(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(fixture.Settings);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddMedChainGateway();
        return builder.Build();
    }
}
