namespace MedChain.Grpc.Internal;

/// <summary>Maps <see cref="Metadata"/> to HTTP/2 header fields and back (binary values are base64).</summary>
internal static class MetadataConverter
{
    /// <summary>Headers owned by the protocol: never copied into user metadata, never taken from it.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith(':')
        || key is "content-type" or "content-length" or "te" or "host" or "connection" or "transfer-encoding"
            or GrpcProtocol.TimeoutHeader or GrpcProtocol.EncodingHeader or GrpcProtocol.AcceptEncodingHeader
            or GrpcProtocol.StatusHeader or GrpcProtocol.MessageHeader;

    /// <summary>The header value of an entry.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;

    /// <summary>
    /// Adds a header field to <paramref name="metadata"/>; false (and nothing added) when the name is reserved,
    /// not a valid metadata key, or a -bin value is not base64.
    /// </summary>
    public static bool TryAdd(Metadata metadata, string name, string value)
    {
        var key = name.ToLowerInvariant();
        if (IsReserved(key))
        {
            return false;
        }

        try
        {
            if (key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal))
            {
                // gRPC peers may send base64 without padding; several values may share one field.
                foreach (var part in value.Split(','))
                {
                    metadata.Add(key, DecodeBase64(part.Trim()));
                }
            }
            else
            {
                metadata.Add(key, value);
            }

            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return false;
        }
    }

    private static byte[] DecodeBase64(string value)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        return Convert.FromBase64String(padding == 0 ? value : value + new string('=', padding));
    }
}
