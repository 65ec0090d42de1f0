using System.Text.Json.Serialization;

namespace MedChain.ContractApi.Tests.Samples;

[JsonConverter(typeof(CanonicalEnumConverter<PatientStatus>))]
public enum PatientStatus
{
    Active,
    OnHold,
    [JsonStringEnumMemberName("entered-in-error")]
    EnteredInError,
}

public sealed record Address(string City, string Country);

public sealed record Patient(string Id, string Name, int Age, IReadOnlyList<string> Allergies, PatientStatus Status, Address? Address = null);
