namespace MedChain.Shim.Tests;

public sealed class ChaincodeServerOptionsTests
{
    private static ChaincodeServerOptions From(Dictionary<string, string> variables) =>
        ChaincodeServerOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

    [Fact]
    public void FromEnvironment_DeployCcaasVariables_ReadsAddressAndPackageId()
    {
        var options = From(new() { ["CHAINCODE_SERVER_ADDRESS"] = "0.0.0.0:9999", ["CORE_CHAINCODE_ID_NAME"] = "kv_1.0:abc" });

        options.Validate();
        Assert.Equal(("0.0.0.0:9999", "kv_1.0:abc", true), (options.Address, options.PackageId, options.TlsDisabled));
    }

    [Fact]
    public void FromEnvironment_ChaincodeIdOnly_UsesIt()
    {
        Assert.Equal("kv_1.0:def", From(new() { ["CHAINCODE_ID"] = "kv_1.0:def" }).PackageId);
    }

    [Fact]
    public void FromEnvironment_TlsVariables_TurnTlsOn()
    {
        var options = From(new() { ["CHAINCODE_TLS_CERT"] = "/c.pem", ["CHAINCODE_TLS_KEY"] = "/k.pem", ["CHAINCODE_CLIENT_CA_CERT"] = "/ca.pem" });

        Assert.Equal((false, "/c.pem", "/k.pem", "/ca.pem"), (options.TlsDisabled, options.CertPath, options.KeyPath, options.ClientCaCertPath));
    }

    [Fact]
    public void FromEnvironment_TlsDisabledNotBoolean_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => From(new() { ["CHAINCODE_TLS_DISABLED"] = "maybe" }));
    }

    [Theory]
    [InlineData("", "p:1", "CHAINCODE_SERVER_ADDRESS")]
    [InlineData("localhost", "p:1", "host:port")]
    [InlineData("0.0.0.0:99999", "p:1", "host:port")]
    [InlineData("0.0.0.0:9999", "", "CORE_CHAINCODE_ID_NAME")]
    public void Validate_BadSettings_ThrowsNamingTheProblem(string address, string packageId, string expected)
    {
        var options = new ChaincodeServerOptions { Address = address, PackageId = packageId };

        var ex = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientCaWithTlsDisabled_Throws()
    {
        var options = new ChaincodeServerOptions { Address = "0.0.0.0:1", PackageId = "p:1", ClientCaCertPath = "/ca.pem" };

        Assert.Contains("mutual TLS", Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, 20_000)]
    [InlineData(60_000, 0)]
    public void Validate_KeepAliveUnderASecond_Throws(int timeMs, int timeoutMs)
    {
        var options = new ChaincodeServerOptions
        {
            Address = "0.0.0.0:1",
            PackageId = "p:1",
            KeepAliveTime = TimeSpan.FromMilliseconds(timeMs),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        };

        Assert.Contains("at least 1 second", Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
