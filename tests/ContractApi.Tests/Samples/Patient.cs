using System.Runtime.Serialization;

namespace MedChain.ContractApi.Tests.Samples;

public enum PatientStatus
{
    Active,
    OnHold,
    [EnumMember(Value = "entered-in-error")]
    EnteredInError,
}

public sealed record Address(string City, string Country);

public sealed record Patient(string Id, string Name, int Age, IReadOnlyList<string> Allergies, PatientStatus Status, Address? Address = null);
