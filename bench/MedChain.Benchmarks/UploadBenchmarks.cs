using Azure;
using BenchmarkDotNet.Attributes;
using MedChain.OffchainStore;
using MedChain.OffchainStore.Blobs;
using MedChain.OffchainStore.Keys;

namespace MedChain.Benchmarks;

/// <summary>
/// Uploads to the Azurite that `make bench` starts (MEDCHAIN_BENCH_BLOB_ENDPOINT): raw block upload next to
/// encrypt-and-upload through the store.
/// </summary>
public class UploadBenchmarks
{
    private const string _endpointVariable = "MEDCHAIN_BENCH_BLOB_ENDPOINT";
    private const string _azuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly OffchainStoreOptions _options = new() { RecordsContainer = "bench-records", KeysContainer = "bench-keys" };
    private AzureBlobRestClient _blobs = null!;
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
        _blobs = new AzureBlobRestClient(new Uri(endpoint), new AzureNamedKeyCredential("devstoreaccount1", _azuriteKey));
        _store = new OffchainRecordStore(_blobs, _options);
        _custodian = OrgKeyPair.Generate();
        foreach (var container in new[] { "bench-raw", _options.RecordsContainer, _options.KeysContainer })
        {
            _blobs.CreateContainerIfNotExistsAsync(container).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _custodian.Dispose();

    /// <summary>Deletes what the iteration stored so that Azurite's disk use stays flat.</summary>
    [IterationCleanup]
    public void DeleteRecords()
    {
        foreach (var item in _blobs.ListAsync(_options.RecordsContainer).ToBlockingEnumerable())
        {
            _blobs.DeleteAsync(_options.RecordsContainer, item.Name).GetAwaiter().GetResult();
        }
    }

    /// <summary>The same bytes uploaded as blocks without encryption.</summary>
    [Benchmark(Baseline = true)]
    public Task<BlobUploadResult> RawUpload() =>
        _blobs.UploadAsync("bench-raw", "raw", new ZeroStream(SizeBytes), new BlobUploadOptions { IfNoneMatchStar = false });

    /// <summary>Encrypt as a stream, upload, wrap the key for the custodian.</summary>
    [Benchmark]
    public Task<StoredRecord> EncryptAndUpload() =>
        _store.PutAsync($"r{Interlocked.Increment(ref _counter)}", new ZeroStream(SizeBytes), [_custodian.PublicKey]);
}
