using System.Text.Json.Serialization;
using MedChain.ContractApi;
using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.KeyGrants;

/// <summary>
/// Which record's key, for which organization: <c>{"recordId":"rec-…","granteeMspId":"Org2MSP"}</c>. Used by
/// <c>KeyGrant:Grant</c> and <c>KeyGrant:Revoke</c>; bound against its schema like every request (duplicate or
/// unknown properties refused, the shared identifier grammar).
/// </summary>
public sealed record KeyGrantRequest
{
    /// <summary>The record whose data key is wrapped.</summary>
    [JsonRequired]
    [Id(IdKind.Record)]
    public required string RecordId { get; init; }

    /// <summary>The organization the key is wrapped for.</summary>
    [JsonRequired]
    [Id(IdKind.Msp)]
    public required string GranteeMspId { get; init; }
}
