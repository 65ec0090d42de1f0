using System.Runtime.Serialization;

namespace MedChain.Contracts.Consent;

/// <summary>The outcome of an access check.</summary>
public enum AccessDecision
{
    [EnumMember(Value = "allowed")]
    Allowed,

    [EnumMember(Value = "denied")]
    Denied,
}
