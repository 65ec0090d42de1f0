using MedChain.ContractApi;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Consent;

/// <summary>What a consent covers: records of these types and these specific records (either matches).</summary>
/// <remarks>
/// Source-generated JSON metadata sets every init-only member when it reads one (an absent list as null),
/// so the setters, not the initializers, make a missing list empty.
/// </remarks>
public sealed record ConsentScope
{
    /// <summary>Most items in each list.</summary>
    public const int MaxItems = 32;

    /// <summary>Record type codes (e.g. <c>lab-result</c>), sorted.</summary>
    [Schema(MaxItems = MaxItems)]
    [Id(IdKind.RecordType)]
    public IReadOnlyList<string> RecordTypes { get; init => field = value ?? []; } = [];

    /// <summary>Record ids, sorted.</summary>
    [Schema(MaxItems = MaxItems)]
    [Id(IdKind.Record)]
    public IReadOnlyList<string> RecordIds { get; init => field = value ?? []; } = [];

    /// <summary>True when a record with this id and type is covered.</summary>
    public bool Covers(string recordId, string recordType) =>
        RecordIds.Contains(recordId, StringComparer.Ordinal) || RecordTypes.Contains(recordType, StringComparer.Ordinal);
}
