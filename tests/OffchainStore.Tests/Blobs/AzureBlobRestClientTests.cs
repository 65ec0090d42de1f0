using Azure;
using MedChain.OffchainStore.Blobs;
using MedChain.OffchainStore.Tests.Infrastructure;
using MedChain.TestSupport;

namespace MedChain.OffchainStore.Tests.Blobs;

/// <summary>The REST client against a real Azurite: Shared Key signing, blocks, conditions, ranges, listing.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class AzureBlobRestClientTests(AzuriteFixture azurite)
{
    private readonly AzureBlobRestClient _client = Blob.Client(azurite.BlobEndpoint);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SharedKey_CreateListDeleteContainer_AcceptedByAzurite()
    {
        var container = Blob.NewContainer();

        Assert.True(await _client.CreateContainerIfNotExistsAsync(container, _ct));
        Assert.False(await _client.CreateContainerIfNotExistsAsync(container, _ct));
        await _client.UploadAsync(container, "a/one", new MemoryStream([1, 2, 3]), cancellationToken: _ct);
        await _client.UploadAsync(container, "a/two", new MemoryStream([4]), cancellationToken: _ct);
        await _client.UploadAsync(container, "b/three", new MemoryStream([]), cancellationToken: _ct);

        var all = await _client.ListAsync(container, cancellationToken: _ct).ToListAsync(_ct);
        var underA = await _client.ListAsync(container, "a/", _ct).ToListAsync(_ct);

        Assert.Equal(["a/one", "a/two", "b/three"], all.Select(b => b.Name));
        Assert.Equal([3L, 1L], underA.Select(b => b.Length));
        Assert.True(await _client.DeleteAsync(container, "a/one", _ct));
        Assert.False(await _client.DeleteAsync(container, "a/one", _ct));
        Assert.True(await _client.DeleteContainerAsync(container, _ct));
        Assert.False(await _client.DeleteContainerAsync(container, _ct));
    }

    [Fact]
    public async Task SharedKey_WrongAccountKey_RejectedWith403()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var client = new AzureBlobRestClient(azurite.BlobEndpoint, new AzureNamedKeyCredential(AzuriteProcess.AccountName, wrongKey), Blob.FastRetries());

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateContainerIfNotExistsAsync(Blob.NewContainer(), _ct));

        Assert.Equal(403, e.Status);
        Assert.Equal("AuthorizationFailure", e.ErrorCode);
    }

    [Fact]
    public async Task Upload_ManyBlocksWithMetadata_DownloadsSameBytesAndProperties()
    {
        var container = Blob.NewContainer();
        await _client.CreateContainerIfNotExistsAsync(container, _ct);
        var content = DeterministicStream.Bytes(1_000_000);
        var options = new BlobUploadOptions { BlockSize = 300_000, ContentType = "application/x-test" };
        options.Metadata["purpose"] = "test";

        var result = await _client.UploadAsync(container, "dir/blob name", new MemoryStream(content), options, _ct);
        var properties = await _client.GetPropertiesAsync(container, "dir/blob name", _ct);
        var downloaded = await Blob.ReadAllAsync(await _client.DownloadAsync(container, "dir/blob name", cancellationToken: _ct), _ct);

        Assert.Equal(4, result.BlockCount);
        Assert.Equal(content.Length, result.Length);
        Assert.Equal(content, downloaded);
        Assert.Equal(content.Length, properties.Length);
        Assert.Equal(result.ETag, properties.ETag);
        Assert.Equal("application/x-test", properties.ContentType);
        Assert.Equal("test", properties.Metadata["purpose"]);
    }

    [Fact]
    public async Task Download_Range_ReturnsThoseBytes()
    {
        var container = Blob.NewContainer();
        await _client.CreateContainerIfNotExistsAsync(container, _ct);
        var content = DeterministicStream.Bytes(10_000);
        await _client.UploadAsync(container, "r", new MemoryStream(content), cancellationToken: _ct);

        var middle = await Blob.ReadAllAsync(await _client.DownloadAsync(container, "r", new HttpRange(1000, 500), _ct), _ct);
        var tail = await Blob.ReadAllAsync(await _client.DownloadAsync(container, "r", new HttpRange(9990), _ct), _ct);

        Assert.Equal(content[1000..1500], middle);
        Assert.Equal(content[9990..], tail);
    }

    [Fact]
    public async Task Upload_IfNoneMatchStarOnExistingBlob_FailsAndKeepsFirstContent()
    {
        var container = Blob.NewContainer();
        await _client.CreateContainerIfNotExistsAsync(container, _ct);
        await _client.UploadAsync(container, "once", new MemoryStream([1]), cancellationToken: _ct);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            _client.UploadAsync(container, "once", new MemoryStream([2]), cancellationToken: _ct));

        Assert.Contains(e.Status, new[] { 409, 412 });
        Assert.Contains(e.ErrorCode, new[] { BlobErrorCodes.BlobAlreadyExists, BlobErrorCodes.ConditionNotMet });
        Assert.Equal([1], await Blob.ReadAllAsync(await _client.DownloadAsync(container, "once", cancellationToken: _ct), _ct));
    }

    [Fact]
    public async Task Upload_IfNoneMatchStarOff_Overwrites()
    {
        var container = Blob.NewContainer();
        await _client.CreateContainerIfNotExistsAsync(container, _ct);
        await _client.UploadAsync(container, "twice", new MemoryStream([1]), cancellationToken: _ct);

        await _client.UploadAsync(container, "twice", new MemoryStream([2]), new BlobUploadOptions { IfNoneMatchStar = false }, _ct);

        Assert.Equal([2], await Blob.ReadAllAsync(await _client.DownloadAsync(container, "twice", cancellationToken: _ct), _ct));
    }

    [Fact]
    public async Task GetProperties_MissingBlob_Throws404WithBlobNotFound()
    {
        var container = Blob.NewContainer();
        await _client.CreateContainerIfNotExistsAsync(container, _ct);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => _client.GetPropertiesAsync(container, "missing", _ct));

        Assert.Equal(404, e.Status);
        Assert.Equal(BlobErrorCodes.BlobNotFound, e.ErrorCode);
    }

    [Fact]
    public async Task Download_MissingContainer_ThrowsWithServiceMessage()
    {
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => _client.DownloadAsync(Blob.NewContainer(), "x", cancellationToken: _ct));

        Assert.Equal(404, e.Status);
        Assert.Equal(BlobErrorCodes.ContainerNotFound, e.ErrorCode);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("bad--name")]
    [InlineData("-start")]
    public async Task CreateContainer_InvalidName_ThrowsArgumentException(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateContainerIfNotExistsAsync(name, _ct));
    }

    [Fact]
    public async Task Upload_InvalidMetadataName_ThrowsBeforeSending()
    {
        var options = new BlobUploadOptions();
        options.Metadata["not valid"] = "x";

        await Assert.ThrowsAsync<ArgumentException>(() => _client.UploadAsync("never", "x", new MemoryStream(), options, _ct));
    }
}
