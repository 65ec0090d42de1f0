using System.Text.Json.Serialization;
using MedChain.ContractApi;

namespace MedChain.Contracts.Common;

/// <summary>A caller's role, from the Fabric CA attribute <c>medchain.role</c> of its certificate.</summary>
[JsonConverter(typeof(CanonicalEnumConverter<Role>))]
public enum Role
{
    /// <summary>A doctor of a hospital.</summary>
    [JsonStringEnumMemberName("doctor")]
    Doctor,

    /// <summary>A pharmacist of a pharmacy.</summary>
    [JsonStringEnumMemberName("pharmacist")]
    Pharmacist,

    /// <summary>A patient (their <c>medchain.id</c> is their pseudonym).</summary>
    [JsonStringEnumMemberName("patient")]
    Patient,

    /// <summary>A member of the regulator organization.</summary>
    [JsonStringEnumMemberName("regulator")]
    Regulator,

    /// <summary>An organization's system account (e.g. the gateway service of a hospital).</summary>
    [JsonStringEnumMemberName("service")]
    Service,
}
