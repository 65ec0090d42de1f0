using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using MedChain.OffchainStore.Keys;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests.Blobs;

/// <summary>
/// The store on a <see cref="BlobServiceClient"/> signed in with a <see cref="Azure.Core.TokenCredential"/> (as
/// Azure.Identity's), against an Azurite of its own over https that accepts Entra ID bearer tokens.
/// </summary>
public sealed class EntraIdTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _directory = Directory.CreateTempSubdirectory("medchain-entra-").FullName;
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly HttpClient _http;
    private AzuriteProcess? _azurite;

    public EntraIdTests()
    {
        var authority = _certificates.Authority;
        var handler = new SocketsHttpHandler();
        // Trust exactly the test authority that issued Azurite's certificate.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        _http = new HttpClient(handler);
    }

    public async ValueTask InitializeAsync()
    {
        using var server = _certificates.IssueServerCertificate();
        var (certificate, key) = TestCertificates.WritePemFiles(server, _directory, "azurite");
        _azurite = await AzuriteProcess.StartWithOAuthAsync(certificate, key!, _ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Store_WithTokenCredential_StoresReadsAndErasesWithStorageScope()
    {
        var credential = new FakeEntraCredential(TimeSpan.FromHours(1));
        var store = new OffchainRecordStore(Client(credential));
        using var custodian = OrgKeyPair.Generate();
        var plaintext = DeterministicStream.Bytes(300_000);

        await store.EnsureReadyAsync(_ct);
        var stored = await store.PutAsync("entra-1", new MemoryStream(plaintext), [custodian.PublicKey], _ct);
        var read = await Blob.ReadAllAsync(await store.OpenReadAsync("entra-1", custodian, stored.CiphertextSha256, _ct), _ct);
        await store.EraseAsync("entra-1", _ct);

        Assert.Equal(plaintext, read);
        Assert.StartsWith("https://", stored.BlobReference.ToString(), StringComparison.Ordinal);
        Assert.Contains("https://storage.azure.com/.default", credential.RequestedScopes);
        await Assert.ThrowsAsync<RecordErasedException>(() => store.OpenReadAsync("entra-1", custodian, null, _ct));
    }

    [Fact]
    public async Task Store_WithExpiredToken_RejectedByTheService()
    {
        var store = new OffchainRecordStore(Client(new FakeEntraCredential(TimeSpan.FromMinutes(-5))));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => store.EnsureReadyAsync(_ct));

        Assert.Equal(403, e.Status);
        Assert.Equal("AuthenticationFailed", e.ErrorCode);
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
    }

    private BlobServiceClient Client(FakeEntraCredential credential)
    {
        var options = Blob.FastRetries();
        options.Transport = new HttpClientTransport(_http);
        return new BlobServiceClient(_azurite!.BlobEndpoint, credential, options);
    }
}
