using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedChain.OffchainStore.Keys;

/// <summary>
/// A record's data key wrapped for one recipient organization (format "MCK1"): ECDH P-256 between an ephemeral
/// key and the recipient's key, HKDF-SHA256 bound to the record id, recipient key id and data key id, then
/// AES-256-GCM of the data key. Stored as JSON, one blob per (record, recipient).
/// </summary>
public sealed record WrappedDataKey
{
    /// <summary>The only format written and read.</summary>
    public const string CurrentFormat = "MCK1";

    /// <summary>Wrapping format.</summary>
    public required string Format { get; init; }

    /// <summary>The record the key belongs to.</summary>
    public required string RecordId { get; init; }

    /// <summary>Key id of the recipient's <see cref="OrgPublicKey"/>.</summary>
    public required string RecipientKeyId { get; init; }

    /// <summary>Id of the wrapped <see cref="DataKey"/>.</summary>
    public required string DataKeyId { get; init; }

    /// <summary>The ephemeral public key, base64 DER SubjectPublicKeyInfo.</summary>
    public required string EphemeralPublicKey { get; init; }

    /// <summary>AES-GCM nonce, base64.</summary>
    public required string Nonce { get; init; }

    /// <summary>The encrypted data key, base64.</summary>
    public required string Ciphertext { get; init; }

    /// <summary>AES-GCM tag, base64.</summary>
    public required string Tag { get; init; }

    /// <summary>When the key was wrapped.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The JSON form stored in the key container.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Internal.OffchainJsonContext.Default.WrappedDataKey);

    /// <summary>Parses the JSON form; malformed input gives a <see cref="FormatException"/>.</summary>
    public static WrappedDataKey FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var key = JsonSerializer.Deserialize(json, Internal.OffchainJsonContext.Default.WrappedDataKey);
            return key is { Format: CurrentFormat }
                ? key
                : throw new FormatException($"Wrapped key format '{key?.Format}' is not {CurrentFormat}.");
        }
        catch (JsonException e)
        {
            throw new FormatException("Malformed wrapped key JSON.", e);
        }
    }
}
