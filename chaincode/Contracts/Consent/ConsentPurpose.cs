using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Consent;

/// <summary>
/// Purpose of use (FHIR Consent.provision.purpose, HL7 v3 ActReason): the code in brackets is the
/// v3 code a hospital system maps to.
/// </summary>
[JsonConverter(typeof(CanonicalEnumConverter<ConsentPurpose>))]
public enum ConsentPurpose
{
    /// <summary>Treatment (TREAT).</summary>
    [JsonStringEnumMemberName("treatment")]
    Treatment,

    /// <summary>Emergency treatment (ETREAT); used for break-glass access.</summary>
    [JsonStringEnumMemberName("emergency")]
    Emergency,

    /// <summary>Healthcare research (HRESCH).</summary>
    [JsonStringEnumMemberName("research")]
    Research,

    /// <summary>Payment / insurance (HPAYMT).</summary>
    [JsonStringEnumMemberName("insurance")]
    Insurance,

    /// <summary>Public health (PUBHLTH).</summary>
    [JsonStringEnumMemberName("public-health")]
    PublicHealth,

    /// <summary>Healthcare operations (HOPERAT).</summary>
    [JsonStringEnumMemberName("operations")]
    Operations,
}
