using Microsoft.Extensions.Configuration;
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
    [InlineData("Encryption:PrivateKeyPath", "/nonexistent/key.pem", "Encryption:PrivateKeyPath")]
    public async Task Start_InvalidOption_FailsNamingIt(string key, string value, string expected)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
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
