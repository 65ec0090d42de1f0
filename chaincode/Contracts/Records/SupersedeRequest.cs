using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Records;

/// <summary>
/// A new version of an anchored record as requested by <c>RecordAnchor:Supersede</c>:
/// <c>{"recordId","sha256","size","blobRef","keyId"}</c> (patient and type stay those of version 1).
/// </summary>
public sealed record SupersedeRequest
{
    /// <summary>The record.</summary>
    [JsonRequired]
    [Id(IdKind.Record)]
    public required string RecordId { get; init; }

    /// <inheritdoc cref="AnchorRequest.Sha256"/>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 64, Pattern = Formats.Sha256Pattern, Description = Formats.Sha256Description)]
    public required string Sha256 { get; init; }

    /// <inheritdoc cref="AnchorRequest.Size"/>
    [JsonRequired]
    [Schema(Minimum = 0, Maximum = AnchorRequest.MaxSize)]
    public required long Size { get; init; }

    /// <inheritdoc cref="AnchorRequest.BlobRef"/>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 512, Pattern = Formats.ReferencePattern, Description = Formats.ReferenceDescription)]
    public required string BlobRef { get; init; }

    /// <inheritdoc cref="AnchorRequest.KeyId"/>
    [JsonRequired]
    [Schema(MinLength = 1, MaxLength = 256, Pattern = Formats.ReferencePattern, Description = Formats.ReferenceDescription)]
    public required string KeyId { get; init; }
}
