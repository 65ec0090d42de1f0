using System.Runtime.Serialization;

namespace MedChain.Contracts.Common;

/// <summary>The kind of a consortium member organization.</summary>
public enum OrgKind
{
    /// <summary>A hospital: custodian of records, employer of doctors.</summary>
    [EnumMember(Value = "hospital")]
    Hospital,

    /// <summary>A pharmacy: dispenses prescriptions.</summary>
    [EnumMember(Value = "pharmacy")]
    Pharmacy,

    /// <summary>The regulator: configures the consortium and audits.</summary>
    [EnumMember(Value = "regulator")]
    Regulator,
}
