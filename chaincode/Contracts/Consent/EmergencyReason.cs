using System.Runtime.Serialization;

namespace MedChain.Contracts.Consent;

/// <summary>
/// Why a doctor broke the glass: a fixed vocabulary the regulator can count and compare; the doctor's
/// own words go with it into the access log only (never into an event).
/// </summary>
public enum EmergencyReason
{
    /// <summary>The patient cannot consent (unconscious, sedated).</summary>
    [EnumMember(Value = "patient-unconscious")]
    PatientUnconscious,

    /// <summary>An immediate threat to life or limb.</summary>
    [EnumMember(Value = "life-threatening")]
    LifeThreatening,

    /// <summary>Resuscitation in progress.</summary>
    [EnumMember(Value = "resuscitation")]
    Resuscitation,

    /// <summary>Poisoning or overdose needing the medication history now.</summary>
    [EnumMember(Value = "poisoning")]
    Poisoning,

    /// <summary>Another emergency (the free text says which).</summary>
    [EnumMember(Value = "other")]
    Other,
}
