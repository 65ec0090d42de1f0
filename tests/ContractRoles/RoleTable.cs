namespace MedChain.ContractRoles;

/// <summary>
/// Which MedChain roles may call each transaction of the chaincode; every other role is refused
/// with 403 "forbidden: …". The roles are the identities the tests use: a person's
/// <c>medchain.role</c>, or a <c>service</c> identity of a hospital or of the regulator.
/// </summary>
public static class RoleTable
{
    public const string Doctor = "doctor";
    public const string Pharmacist = "pharmacist";
    public const string Patient = "patient";
    public const string Regulator = "regulator";
    public const string HospitalService = "hospital-service";
    public const string RegulatorService = "regulator-service";

    private const string _everyone = "doctor pharmacist patient regulator hospital-service regulator-service";
    private const string _recordReaders = "doctor pharmacist patient regulator hospital-service";

    /// <summary>Every role of the table.</summary>
    public static IReadOnlyList<string> Roles { get; } =
        [Doctor, Pharmacist, Patient, Regulator, HospitalService, RegulatorService];

    /// <summary>Every transaction ("Contract:Function") with the roles allowed to call it.</summary>
    public static IReadOnlyList<Operation> Operations { get; } =
    [
        new("Admin:InitRegistry", "nobody: only in the init invocation"),
        new("Admin:ConfigureOrganizations", "hospital-service regulator-service"),
        new("Admin:GetOrganizations", _everyone),
        new("Consent:Grant", "patient"),
        new("Consent:Revoke", "patient"),
        new("Consent:Get", "pharmacist patient regulator"),
        new("Consent:ListByPatient", "patient regulator"),
        new("Consent:ListByGrantee", "pharmacist regulator"),
        new("Consent:AddDelegate", "patient"),
        new("Consent:RemoveDelegate", "patient"),
        new("Consent:CheckAccess", _everyone),
        new("Consent:EmergencyAccess", "doctor"),
        new("Consent:ListAccessLog", "patient regulator"),
        new("Consent:ListEmergencyAccesses", "regulator"),
        new("Prescription:Issue", "doctor"),
        new("Prescription:Dispense", "pharmacist"),
        new("Prescription:SetDispensingCode", "patient"),
        new("Prescription:Cancel", "doctor patient"),
        new("Prescription:Get", _recordReaders),
        new("Prescription:History", _recordReaders),
        new("Prescription:ListByPatient", "patient regulator"),
        new("Prescription:ListByPharmacy", "pharmacist regulator"),
        new("RecordAnchor:Anchor", "doctor hospital-service"),
        new("RecordAnchor:Supersede", "doctor hospital-service"),
        new("RecordAnchor:Verify", _everyone),
        new("RecordAnchor:Get", _recordReaders),
        new("RecordAnchor:ListVersions", _recordReaders),
        new("RecordAnchor:SignOff", "doctor"),
        new("RecordAnchor:ListSignOffs", _recordReaders),
        new("RecordAnchor:RequestErasure", "patient"),
        new("RecordAnchor:OrderErasure", "regulator regulator-service"),
        new("RecordAnchor:Erase", "hospital-service"),
        new("Patient:Enroll", "doctor pharmacist hospital-service"),
        new("Patient:ApproveTransfer", "patient"),
        new("Patient:Transfer", "pharmacist"),
        new("Patient:Get", "doctor patient regulator hospital-service"),
        new("KeyGrant:Grant", "doctor hospital-service"),
        new("KeyGrant:Revoke", "doctor hospital-service"),
        new("KeyGrant:ListLapsed", "doctor hospital-service"),
    ];

    /// <summary>Whether <paramref name="role"/> may call <paramref name="function"/>.</summary>
    public static bool Allows(string function, string role) =>
        Operations.Single(o => o.Function == function).AllowedRoles.Contains(role);

    /// <summary>Every (function, role, allowed) cell of the table.</summary>
    public static IEnumerable<(string Function, string Role, bool Allowed)> Cells() =>
        Operations.SelectMany(o => Roles.Select(role => (o.Function, role, o.AllowedRoles.Contains(role))));
}

/// <summary>A transaction and the roles allowed to call it.</summary>
public sealed class Operation(string function, string allowedRoles)
{
    /// <summary>"Contract:Function".</summary>
    public string Function { get; } = function;

    /// <summary>The roles that may call it.</summary>
    public IReadOnlySet<string> AllowedRoles { get; } = allowedRoles.Split(' ').ToHashSet(StringComparer.Ordinal);
}
