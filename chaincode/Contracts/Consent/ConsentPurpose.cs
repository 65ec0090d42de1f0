using System.Runtime.Serialization;

namespace MedChain.Contracts.Consent;

/// <summary>
/// Purpose of use (FHIR Consent.provision.purpose, HL7 v3 ActReason): the code in brackets is the
/// v3 code a hospital system maps to.
/// </summary>
public enum ConsentPurpose
{
    /// <summary>Treatment (TREAT).</summary>
    [EnumMember(Value = "treatment")]
    Treatment,

    /// <summary>Emergency treatment (ETREAT); used for break-glass access.</summary>
    [EnumMember(Value = "emergency")]
    Emergency,

    /// <summary>Healthcare research (HRESCH).</summary>
    [EnumMember(Value = "research")]
    Research,

    /// <summary>Payment / insurance (HPAYMT).</summary>
    [EnumMember(Value = "insurance")]
    Insurance,

    /// <summary>Public health (PUBHLTH).</summary>
    [EnumMember(Value = "public-health")]
    PublicHealth,

    /// <summary>Healthcare operations (HOPERAT).</summary>
    [EnumMember(Value = "operations")]
    Operations,
}
