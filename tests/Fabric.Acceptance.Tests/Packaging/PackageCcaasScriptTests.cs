using System.Formats.Tar;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MedChain.Fabric.Acceptance.Tests.Infrastructure;

namespace MedChain.Fabric.Acceptance.Tests.Packaging;

/// <summary>
/// network/package-ccaas.sh builds the package a stock Fabric 2.5 peer installs for a
/// chaincode run as a service. It needs no Fabric binaries, so these tests always run.
/// </summary>
public sealed class PackageCcaasScriptTests : IDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(1);
    private readonly string _dir = Directory.CreateTempSubdirectory("medchain-ccaas-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Package_PlainTcp_HasFabricLayoutAndConnectionFields()
    {
        var path = await PackageAsync("--label", "medchain_1.0", "--address", "host:9999", "--out", _dir);

        Assert.Equal(Path.Combine(_dir, "medchain_1.0.tar.gz"), path);
        var package = await CcaasPackage.ReadAsync(path, TestContext.Current.CancellationToken);
        // The peer accepts only regular files at the top level and looks for these two names.
        Assert.Equal(["metadata.json", "code.tar.gz"], package.Entries.Select(e => e.Name));
        Assert.All(package.Entries, e => Assert.True(IsRegularFile(e.Type), $"{e.Name} is a {e.Type}"));
        using var metadata = JsonDocument.Parse(package.Files["metadata.json"]);
        Assert.Equal("ccaas", metadata.RootElement.GetProperty("type").GetString());
        Assert.Equal("medchain_1.0", metadata.RootElement.GetProperty("label").GetString());

        Assert.Equal(["connection.json"], package.CodeEntries.Select(e => e.Name));
        Assert.All(package.CodeEntries, e => Assert.True(IsRegularFile(e.Type), $"{e.Name} is a {e.Type}"));
        using var connection = JsonDocument.Parse(package.CodeFiles["connection.json"]);
        var root = connection.RootElement;
        Assert.Equal("host:9999", root.GetProperty("address").GetString());
        Assert.Equal("10s", root.GetProperty("dial_timeout").GetString());
        Assert.False(root.GetProperty("tls_required").GetBoolean());
        Assert.False(root.GetProperty("client_auth_required").GetBoolean());
        Assert.False(root.TryGetProperty("root_cert", out _));
    }

    [Fact]
    public async Task Package_MutualTls_EmbedsPemFilesVerbatim()
    {
        var (caPem, certPem, keyPem) = CreateTlsMaterial();
        var ca = await WriteAsync("ca.pem", caPem);
        var cert = await WriteAsync("client.pem", certPem);
        var key = await WriteAsync("client.key", keyPem);

        var path = await PackageAsync(
            "--label", "kv_2.1", "--address", "127.0.0.1:27902", "--out", _dir, "--dial-timeout", "3s",
            "--tls", "--root-cert", ca, "--client-auth", "--client-cert", cert, "--client-key", key);

        var package = await CcaasPackage.ReadAsync(path, TestContext.Current.CancellationToken);
        using var connection = JsonDocument.Parse(package.CodeFiles["connection.json"]);
        var root = connection.RootElement;
        Assert.Equal("127.0.0.1:27902", root.GetProperty("address").GetString());
        Assert.Equal("3s", root.GetProperty("dial_timeout").GetString());
        Assert.True(root.GetProperty("tls_required").GetBoolean());
        Assert.True(root.GetProperty("client_auth_required").GetBoolean());
        // Fabric's ccaas builder passes these PEM strings to the peer's gRPC client as they are.
        Assert.Equal(caPem.TrimEnd('\n'), root.GetProperty("root_cert").GetString());
        Assert.Equal(certPem.TrimEnd('\n'), root.GetProperty("client_cert").GetString());
        Assert.Equal(keyPem.TrimEnd('\n'), root.GetProperty("client_key").GetString());
        using var roundTrip = X509Certificate2.CreateFromPem(root.GetProperty("client_cert").GetString(), root.GetProperty("client_key").GetString());
        Assert.True(roundTrip.HasPrivateKey);
    }

    [Fact]
    public async Task Package_SameInputsTwice_IsByteForByteIdentical()
    {
        // The package id is the label plus the SHA-256 of these bytes: re-deploying must not change it.
        var first = await File.ReadAllBytesAsync(
            await PackageAsync("--label", "kv_1.0", "--address", "127.0.0.1:27902", "--out", Path.Combine(_dir, "a")),
            TestContext.Current.CancellationToken);
        var second = await File.ReadAllBytesAsync(
            await PackageAsync("--label", "kv_1.0", "--address", "127.0.0.1:27902", "--out", Path.Combine(_dir, "b")),
            TestContext.Current.CancellationToken);
        var other = await File.ReadAllBytesAsync(
            await PackageAsync("--label", "kv_1.0", "--address", "127.0.0.1:27903", "--out", Path.Combine(_dir, "c")),
            TestContext.Current.CancellationToken);

        Assert.Equal(SHA256.HashData(first), SHA256.HashData(second));
        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(other));
    }

    [Theory]
    [InlineData("is not a valid package label", "--label", "bad label", "--address", "h:1")]
    [InlineData("--label is required", "--address", "h:1")]
    [InlineData("is not host:port", "--label", "kv_1.0", "--address", "no-port")]
    [InlineData("--client-auth needs --tls", "--label", "kv_1.0", "--address", "h:1", "--client-auth")]
    [InlineData("--tls needs --root-cert", "--label", "kv_1.0", "--address", "h:1", "--tls")]
    [InlineData("unknown option '--bogus'", "--label", "kv_1.0", "--address", "h:1", "--bogus")]
    public async Task Package_BadArguments_FailsWithClearErrorAndWritesNothing(string expected, params string[] arguments)
    {
        var output = Path.Combine(_dir, "out");

        var result = await ScriptRunner.RunScriptAsync(
            "package-ccaas.sh", [.. arguments, "--out", output], null, _timeout, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), result.Describe());
    }

    private static async Task<string> PackageAsync(params string[] arguments)
    {
        var result = await ScriptRunner.RunScriptAsync(
            "package-ccaas.sh", arguments, null, _timeout, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput.Trim();
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        return path;
    }

    private static bool IsRegularFile(TarEntryType type) =>
        type is TarEntryType.RegularFile or TarEntryType.V7RegularFile;

    private static (string CaPem, string CertPem, string KeyPem) CreateTlsMaterial()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test tls ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        // One instant for both: a leaf may not outlive its issuer, not even by the milliseconds between two clock reads.
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=peer client", key, HashAlgorithmName.SHA256);
        using var cert = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3]);
        return (ca.ExportCertificatePem() + "\n", cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
