using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Prescriptions;

/// <summary>FHIR UnitsOfTime (Timing.repeat.periodUnit).</summary>
[JsonConverter(typeof(CanonicalEnumConverter<UnitsOfTime>))]
public enum UnitsOfTime
{
    [JsonStringEnumMemberName("s")]
    Second,

    [JsonStringEnumMemberName("min")]
    Minute,

    [JsonStringEnumMemberName("h")]
    Hour,

    [JsonStringEnumMemberName("d")]
    Day,

    [JsonStringEnumMemberName("wk")]
    Week,

    [JsonStringEnumMemberName("mo")]
    Month,

    [JsonStringEnumMemberName("a")]
    Year,
}
