using System.Runtime.Serialization;

namespace MedChain.Contracts.Common;

/// <summary>A caller's role, from the Fabric CA attribute <c>medchain.role</c> of its certificate.</summary>
public enum Role
{
    /// <summary>A doctor of a hospital.</summary>
    [EnumMember(Value = "doctor")]
    Doctor,

    /// <summary>A pharmacist of a pharmacy.</summary>
    [EnumMember(Value = "pharmacist")]
    Pharmacist,

    /// <summary>A patient (their <c>medchain.id</c> is their pseudonym).</summary>
    [EnumMember(Value = "patient")]
    Patient,

    /// <summary>A member of the regulator organization.</summary>
    [EnumMember(Value = "regulator")]
    Regulator,

    /// <summary>An organization's system account (e.g. the gateway service of a hospital).</summary>
    [EnumMember(Value = "service")]
    Service,
}
