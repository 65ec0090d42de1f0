namespace MedChain.Demo;

/// <summary>Which organization's service a demo user calls.</summary>
public enum DemoOrg
{
    Hospital,
    Pharmacy,
    Regulator,
}

/// <summary>A person of the demo: the token subject and role their organization's identity provider would issue.</summary>
public sealed record DemoUser(string Name, string Role, DemoOrg Org, string Description);

/// <summary>The people of `make run` and `make demo`; the services enrol each as themself on their first call.</summary>
public static class DemoUsers
{
    public static readonly DemoUser DrHouse = new("dr-house", "doctor", DemoOrg.Hospital, "doctor at the hospital");
    public static readonly DemoUser DrGrey = new("dr-grey", "doctor", DemoOrg.Hospital, "emergency doctor at the hospital");
    public static readonly DemoUser Pharmacist = new("ph-pills", "pharmacist", DemoOrg.Pharmacy, "pharmacist at the pharmacy");
    public static readonly DemoUser PatientAlice = new("pat-a11ce0000000000000000000000000a1", "patient", DemoOrg.Hospital, "patient enrolled at the hospital");
    public static readonly DemoUser PatientBob = new("pat-b0b000000000000000000000000000b0", "patient", DemoOrg.Hospital, "patient enrolled at the hospital");
    public static readonly DemoUser Regulator = new("reg-audit", "regulator", DemoOrg.Regulator, "auditor at the regulator");

    /// <summary>The hospital's records system: erasure is a custodian's act, which the chaincode takes from a service identity only.</summary>
    public static readonly DemoUser HospitalSystem = new("hospital-records", "service", DemoOrg.Hospital, "the hospital's records system (service identity)");

    public static IReadOnlyList<DemoUser> All { get; } = [DrHouse, DrGrey, Pharmacist, PatientAlice, PatientBob, Regulator, HospitalSystem];

    public static IReadOnlyList<DemoUser> Patients { get; } = [PatientAlice, PatientBob];

    public static DemoUser? Find(string name) => All.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
}
