using System.Globalization;
using System.Xml.Linq;
using Azure;
using MedChain.OffchainStore.Blobs;

namespace MedChain.OffchainStore.Internal;

/// <summary>Parses one page of a List Blobs response (EnumerationResults XML).</summary>
internal static class BlobListing
{
    public static (List<BlobItem> Items, string? NextMarker) Parse(Stream xml)
    {
        var root = XDocument.Load(xml).Root ?? throw new FormatException("Empty List Blobs response.");
        var items = new List<BlobItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var properties = blob.Element("Properties");
            var name = blob.Element("Name")?.Value ?? throw new FormatException("A listed blob has no name.");
            var length = long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture);
            var etag = new ETag(properties?.Element("Etag")?.Value ?? string.Empty);
            DateTimeOffset? modified = DateTimeOffset.TryParse(properties?.Element("Last-Modified")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var m) ? m : null;
            items.Add(new BlobItem(name, length, etag, modified));
        }

        var next = root.Element("NextMarker")?.Value;
        return (items, string.IsNullOrEmpty(next) ? null : next);
    }
}
