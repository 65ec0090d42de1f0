using System.Runtime.Serialization;

namespace MedChain.Contracts.Prescriptions;

/// <summary>FHIR UnitsOfTime (Timing.repeat.periodUnit).</summary>
public enum UnitsOfTime
{
    [EnumMember(Value = "s")]
    Second,

    [EnumMember(Value = "min")]
    Minute,

    [EnumMember(Value = "h")]
    Hour,

    [EnumMember(Value = "d")]
    Day,

    [EnumMember(Value = "wk")]
    Week,

    [EnumMember(Value = "mo")]
    Month,

    [EnumMember(Value = "a")]
    Year,
}
