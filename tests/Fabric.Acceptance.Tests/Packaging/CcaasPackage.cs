using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace MedChain.Fabric.Acceptance.Tests.Packaging;

/// <summary>A ccaas chaincode package read back: the outer entries and the code archive's files.</summary>
internal sealed class CcaasPackage
{
    private CcaasPackage(IReadOnlyList<TarEntryInfo> entries, IReadOnlyDictionary<string, string> files, IReadOnlyList<TarEntryInfo> codeEntries, IReadOnlyDictionary<string, string> codeFiles)
    {
        Entries = entries;
        Files = files;
        CodeEntries = codeEntries;
        CodeFiles = codeFiles;
    }

    /// <summary>Entries of the package, in archive order.</summary>
    public IReadOnlyList<TarEntryInfo> Entries { get; }

    /// <summary>Text of the package's files other than code.tar.gz, by name.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Entries of code.tar.gz, in archive order.</summary>
    public IReadOnlyList<TarEntryInfo> CodeEntries { get; }

    /// <summary>Text of code.tar.gz's files, by name.</summary>
    public IReadOnlyDictionary<string, string> CodeFiles { get; }

    /// <summary>Reads a package written by network/package-ccaas.sh.</summary>
    public static async Task<CcaasPackage> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var (entries, files, blobs) = await ReadTarGzAsync(file, cancellationToken);
        if (!blobs.TryGetValue("code.tar.gz", out var code))
        {
            throw new InvalidDataException($"{path} has no code.tar.gz.");
        }

        await using var codeStream = new MemoryStream(code);
        var (codeEntries, codeFiles, _) = await ReadTarGzAsync(codeStream, cancellationToken);
        return new CcaasPackage(entries, files, codeEntries, codeFiles);
    }

    private static async Task<(List<TarEntryInfo> Entries, Dictionary<string, string> Texts, Dictionary<string, byte[]> Blobs)> ReadTarGzAsync(
        Stream stream, CancellationToken cancellationToken)
    {
        var entries = new List<TarEntryInfo>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            entries.Add(new TarEntryInfo(entry.Name, entry.EntryType));
            if (entry.DataStream is null)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer, cancellationToken);
            blobs[entry.Name] = buffer.ToArray();
            if (!entry.Name.EndsWith(".gz", StringComparison.Ordinal))
            {
                texts[entry.Name] = Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        return (entries, texts, blobs);
    }
}

/// <summary>One archive entry's name and type.</summary>
/// <param name="Name">The entry's path in the archive.</param>
/// <param name="Type">Regular file, directory, ...</param>
internal sealed record TarEntryInfo(string Name, TarEntryType Type);
