using MedChain.Shim.Testing;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>The test network's members and people (created once: EC keys and certificates are not free).</summary>
internal static class Ids
{
    public const string Hospital = "Org1MSP";
    public const string Pharmacy = "Org2MSP";
    public const string Pharmacy2 = "Org3MSP";
    public const string Hospital2 = "Org4MSP";
    public const string Regulator = "RegulatorMSP";

    public const string PatientId = "pat-0123456789abcdef0123456789abcdef";
    public const string OtherPatientId = "pat-fedcba9876543210fedcba9876543210";

    public const string RegistryRequest =
        """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"Org2MSP","kind":"pharmacy"},{"mspId":"Org3MSP","kind":"pharmacy"},{"mspId":"Org4MSP","kind":"hospital"},{"mspId":"RegulatorMSP","kind":"regulator"}]}""";

    public static readonly TestIdentity Doctor = Person(Hospital, "alice", "doctor", "dr-alice");
    public static readonly TestIdentity Doctor2 = Person(Hospital2, "bob", "doctor", "dr-bob");
    public static readonly TestIdentity Doctor3 = Person(Hospital, "frank", "doctor", "dr-frank");
    public static readonly TestIdentity HospitalService = Person(Hospital, "gateway", "service", null);
    public static readonly TestIdentity Hospital2Service = Person(Hospital2, "gateway2", "service", null);
    public static readonly TestIdentity Pharmacist = Person(Pharmacy, "carol", "pharmacist", "ph-carol");
    public static readonly TestIdentity Pharmacist2 = Person(Pharmacy2, "dave", "pharmacist", "ph-dave");
    public static readonly TestIdentity Patient = Person(Hospital, "patient", "patient", PatientId);
    public static readonly TestIdentity OtherPatient = Person(Hospital, "patient2", "patient", OtherPatientId);
    public static readonly TestIdentity Guardian = Person(Hospital2, "guardian", "patient", "pat-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

    /// <summary>A patient enrolled at the pharmacy Org2 (the grantee of the scenario's consent).</summary>
    public static readonly TestIdentity PharmacyPatient = Person(Pharmacy, "patient3", "patient", "pat-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    /// <summary>A certificate of another organization's CA claiming the patient's pseudonym.</summary>
    public static readonly TestIdentity PatientImpostor = Person(Pharmacy, "impostor", "patient", PatientId);
    public static readonly TestIdentity RegulatorPerson = Person(Regulator, "eve", "regulator", "reg-eve");
    public static readonly TestIdentity RegulatorService = Person(Regulator, "regsvc", "service", null);
    public static readonly TestIdentity Stranger = Person("Org9MSP", "mallory", "doctor", "dr-mallory");
    public static readonly TestIdentity NoRole = TestIdentity.Create(Hospital, "norole");
    public static readonly TestIdentity PharmacistInHospital = Person(Hospital, "oddone", "pharmacist", "ph-odd");

    /// <summary>The identities of the role × operation table, by name.</summary>
    public static readonly IReadOnlyDictionary<string, TestIdentity> ByRole = new Dictionary<string, TestIdentity>(StringComparer.Ordinal)
    {
        ["doctor"] = Doctor,
        ["pharmacist"] = Pharmacist,
        ["patient"] = Patient,
        ["regulator"] = RegulatorPerson,
        ["hospital-service"] = HospitalService,
        ["regulator-service"] = RegulatorService,
    };

    private static TestIdentity Person(string mspId, string commonName, string role, string? id)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.role"] = role };
        if (id is not null)
        {
            attributes["medchain.id"] = id;
        }

        return TestIdentity.Create(mspId, commonName, attributes);
    }
}
