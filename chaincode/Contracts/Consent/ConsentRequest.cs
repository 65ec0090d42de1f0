using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Consent;

/// <summary>
/// A consent as requested by <c>Consent:Grant</c>: <c>{"patientId","grantee":{"mspId","personId"?},
/// "scope":{"recordTypes"?:[…],"recordIds"?:[…]},"purpose","period":{"start"?,"end"}}</c>.
/// </summary>
public sealed record ConsentRequest : IContractRequest<ConsentRequest>
{
    /// <summary>The patient whose records the consent covers.</summary>
    [JsonRequired]
    [Id(IdKind.Patient)]
    public required string PatientId { get; init; }

    /// <summary>Who is granted access.</summary>
    [JsonRequired]
    public required Grantee Grantee { get; init; }

    /// <summary>Which records: at least one record type or record id.</summary>
    [JsonRequired]
    public required ConsentScope Scope { get; init; }

    /// <summary>What for.</summary>
    [JsonRequired]
    public required ConsentPurpose Purpose { get; init; }

    /// <summary>When: the end after the start and after the transaction time.</summary>
    [JsonRequired]
    public required RequestedPeriod Period { get; init; }

    /// <inheritdoc />
    public ConsentRequest Validated(string parameterName)
    {
        // Sorted and distinct, so the stored consent does not depend on the client's order.
        var scope = new ConsentScope
        {
            RecordTypes = [.. Scope.RecordTypes.Distinct().Order(StringComparer.Ordinal)],
            RecordIds = [.. Scope.RecordIds.Distinct().Order(StringComparer.Ordinal)],
        };
        return scope.RecordTypes.Count == 0 && scope.RecordIds.Count == 0
            ? throw Errors.Invalid($"{parameterName}.scope", "must name at least one record type or record id")
            : this with { Scope = scope };
    }
}
