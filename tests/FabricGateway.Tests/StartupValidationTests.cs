using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Tests;

public sealed class StartupValidationTests(GatewayServiceFixture fixture) : IClassFixture<GatewayServiceFixture>
{
    [Theory]
    [InlineData("Fabric:Endpoint", "", "Endpoint")]
    [InlineData("Fabric:MspId", "not an msp id", "MspId")]
    [InlineData("Storage:AccountKey", "", "AccountName and AccountKey go together")]
    [InlineData("Encryption:PrivateKeyPath", "/nonexistent/key.pem", "Encryption:PrivateKeyPath")]
    public void Start_InvalidOption_FailsNamingIt(string key, string value, string expected)
    {
        using var factory = fixture.WithSettings(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
