using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Records;

/// <summary>
/// Version 1 of a record as requested by <c>RecordAnchor:Anchor</c>:
/// <c>{"recordId","patientId","sha256","size","blobRef","keyId"}</c> (the record type is content: optionally in transient <c>recordType</c>).
/// </summary>
public sealed record AnchorRequest
{
    /// <summary>Largest blob anchored, in bytes (1 TiB).</summary>
    public const double MaxSize = 1L << 40;

    /// <summary>The record (chosen by the custodian; never reused).</summary>
    [JsonRequired]
    [Id(IdKind.Record)]
    public required string RecordId { get; init; }

    /// <summary>The record's patient.</summary>
    [JsonRequired]
    [Id(IdKind.Patient)]
    public required string PatientId { get; init; }

    /// <summary>The encrypted blob's hash, its size, where it is and which key wraps it.</summary>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 64, Pattern = Formats.Sha256Pattern, Description = Formats.Sha256Description)]
    public required string Sha256 { get; init; }

    /// <summary>The blob's size in bytes.</summary>
    [JsonRequired]
    [Schema(Minimum = 0, Maximum = MaxSize)]
    public required long Size { get; init; }

    /// <summary>Where the blob is (opaque to the chain).</summary>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 512, Pattern = Formats.ReferencePattern, Description = Formats.ReferenceDescription)]
    public required string BlobRef { get; init; }

    /// <summary>The key that wraps the blob's data key (opaque to the chain).</summary>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 256, Pattern = Formats.ReferencePattern, Description = Formats.ReferenceDescription)]
    public required string KeyId { get; init; }
}
