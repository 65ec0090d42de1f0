using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Common;

/// <summary>The kind of a consortium member organization.</summary>
[JsonConverter(typeof(CanonicalEnumConverter<OrgKind>))]
public enum OrgKind
{
    /// <summary>A hospital: custodian of records, employer of doctors.</summary>
    [JsonStringEnumMemberName("hospital")]
    Hospital,

    /// <summary>A pharmacy: dispenses prescriptions.</summary>
    [JsonStringEnumMemberName("pharmacy")]
    Pharmacy,

    /// <summary>The regulator: configures the consortium and audits.</summary>
    [JsonStringEnumMemberName("regulator")]
    Regulator,
}
