using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BenchmarkDotNet.Attributes;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Keys;

namespace MedChain.Benchmarks;

/// <summary>
/// Uploads to the Azurite that `make bench` starts (MEDCHAIN_BENCH_BLOB_ENDPOINT): raw block upload next to
/// encrypt-and-upload through the store, both through Azure.Storage.Blobs with the store's block size and concurrency.
/// </summary>
public class UploadBenchmarks
{
    private const string _endpointVariable = "MEDCHAIN_BENCH_BLOB_ENDPOINT";
    private const string _azuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly OffchainStoreOptions _options = new() { RecordsContainer = "bench-records", KeysContainer = "bench-keys" };
    private BlobServiceClient _blobs = null!;
    private OffchainRecordStore _store = null!;
    private OrgKeyPair _custodian = null!;
    private int _counter;

    [Params(1 << 20, 64 << 20)]
    public int SizeBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var endpoint = Environment.GetEnvironmentVariable(_endpointVariable)
            ?? throw new InvalidOperationException($"{_endpointVariable} is not set: run the benchmarks with `make bench`, which starts Azurite.");
        _blobs = new BlobServiceClient(new Uri(endpoint), new StorageSharedKeyCredential("devstoreaccount1", _azuriteKey));
        _store = new OffchainRecordStore(_blobs, _options);
        _custodian = OrgKeyPair.Generate();
        _blobs.GetBlobContainerClient("bench-raw").CreateIfNotExists();
        _store.EnsureReadyAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _custodian.Dispose();

    /// <summary>Deletes what the iteration stored so that Azurite's disk use stays flat.</summary>
    [IterationCleanup]
    public void DeleteRecords()
    {
        var records = _blobs.GetBlobContainerClient(_options.RecordsContainer);
        foreach (var item in records.GetBlobs())
        {
            records.DeleteBlob(item.Name);
        }
    }

    /// <summary>The same bytes uploaded as blocks without encryption.</summary>
    [Benchmark(Baseline = true)]
    public Task<Response<BlobContentInfo>> RawUpload() =>
        _blobs.GetBlobContainerClient("bench-raw").GetBlobClient("raw").UploadAsync(new ZeroStream(SizeBytes), new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = _options.UploadBlockSize,
                MaximumTransferSize = _options.UploadBlockSize,
                MaximumConcurrency = _options.UploadConcurrency,
            },
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        });

    /// <summary>Encrypt as a stream, upload, wrap the key for the custodian.</summary>
    [Benchmark]
    public Task<StoredRecord> EncryptAndUpload() =>
        _store.PutAsync($"r{Interlocked.Increment(ref _counter)}", new ZeroStream(SizeBytes), [_custodian.PublicKey]);
}
