using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Consent;

/// <summary>
/// Why a doctor broke the glass: a fixed vocabulary the regulator can count and compare; the doctor's
/// own words go with it into the access log only (never into an event).
/// </summary>
[JsonConverter(typeof(CanonicalEnumConverter<EmergencyReason>))]
public enum EmergencyReason
{
    /// <summary>The patient cannot consent (unconscious, sedated).</summary>
    [JsonStringEnumMemberName("patient-unconscious")]
    PatientUnconscious,

    /// <summary>An immediate threat to life or limb.</summary>
    [JsonStringEnumMemberName("life-threatening")]
    LifeThreatening,

    /// <summary>Resuscitation in progress.</summary>
    [JsonStringEnumMemberName("resuscitation")]
    Resuscitation,

    /// <summary>Poisoning or overdose needing the medication history now.</summary>
    [JsonStringEnumMemberName("poisoning")]
    Poisoning,

    /// <summary>Another emergency (the free text says which).</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}
