using MedChain.ContractApi;
using MedChain.Contracts.Internal;
using Newtonsoft.Json;

namespace MedChain.Contracts.KeyGrants;

/// <summary>
/// Which record's key, for which organization: <c>{"recordId":"rec-…","granteeMspId":"Org2MSP"}</c>. Used by
/// <c>KeyGrant:Grant</c> and <c>KeyGrant:Revoke</c>; bound with the MedChain input rules (duplicate or unknown
/// properties refused, the shared identifier grammar).
/// </summary>
public sealed record KeyGrantRequest : IContractArgument<KeyGrantRequest>
{
    /// <summary>The record whose data key is wrapped.</summary>
    [JsonProperty(Required = Required.Always)]
    public required string RecordId { get; init; }

    /// <summary>The organization the key is wrapped for.</summary>
    [JsonProperty(Required = Required.Always)]
    public required string GranteeMspId { get; init; }

    /// <inheritdoc />
    public static KeyGrantRequest Bind(string json, string parameterName)
    {
        var input = JsonInput.Parse(json, parameterName);
        var request = new KeyGrantRequest
        {
            RecordId = input.RequiredString("recordId", 128, Formats.RecordId(), Formats.RecordIdDescription),
            GranteeMspId = input.RequiredString("granteeMspId", 64, Formats.MspId(), Formats.MspIdDescription),
        };
        input.EnsureNoUnknownFields();
        return request;
    }
}
