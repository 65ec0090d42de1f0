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

    // Every role the operation does not allow is refused on its role (and organization kind) alone.
    private const string _othersByRole = Operation.AllOthers;

    /// <summary>Every role of the table.</summary>
    public static IReadOnlyList<string> Roles { get; } =
        [Doctor, Pharmacist, Patient, Regulator, HospitalService, RegulatorService];

    /// <summary>Every transaction ("Contract:Function"): the roles allowed to call it, and those refused whatever the input.</summary>
    public static IReadOnlyList<Operation> Operations { get; } =
    [
        new("Admin:InitRegistry", "nobody: only in the init invocation", _othersByRole),
        new("Admin:ConfigureOrganizations", "hospital-service regulator-service", _othersByRole),
        new("Admin:GetOrganizations", _everyone),
        new("Consent:Grant", "patient"),
        new("Consent:Revoke", "patient"),
        new("Consent:Get", "pharmacist patient regulator"),
        new("Consent:ListByPatient", "patient regulator"),
        new("Consent:ListByGrantee", "pharmacist regulator", "patient"),
        new("Consent:AddDelegate", "patient", _othersByRole),
        new("Consent:RemoveDelegate", "patient", _othersByRole),
        new("Consent:CheckAccess", _everyone),
        new("Consent:EmergencyAccess", "doctor", _othersByRole),
        new("Consent:ListAccessLog", "patient regulator"),
        new("Consent:ListEmergencyAccesses", "regulator", _othersByRole),
        new("Consent:ReviewEmergencyReason", "doctor regulator hospital-service", "pharmacist patient"),
        new("Prescription:Issue", "doctor", _othersByRole),
        new("Prescription:Dispense", "pharmacist", _othersByRole),
        new("Prescription:SetDispensingCode", "patient", _othersByRole),
        new("Prescription:Cancel", "doctor patient", _othersByRole),
        new("Prescription:Get", _recordReaders),
        new("Prescription:History", _recordReaders),
        new("Prescription:ListByPatient", "patient regulator"),
        new("Prescription:ListByPharmacy", "pharmacist regulator", "patient"),
        new("RecordAnchor:Anchor", "doctor hospital-service", _othersByRole),
        new("RecordAnchor:Supersede", "doctor hospital-service", _othersByRole),
        new("RecordAnchor:Verify", _everyone),
        new("RecordAnchor:Get", _recordReaders),
        new("RecordAnchor:ListVersions", _recordReaders),
        new("RecordAnchor:ListByPatient", "pharmacist patient regulator"),
        new("RecordAnchor:SignOff", "doctor", _othersByRole),
        new("RecordAnchor:ListSignOffs", _recordReaders),
        new("RecordAnchor:RequestErasure", "patient", _othersByRole),
        new("RecordAnchor:OrderErasure", "regulator regulator-service", _othersByRole),
        new("RecordAnchor:Erase", "hospital-service", _othersByRole),
        new("Patient:Enroll", "doctor pharmacist hospital-service", _othersByRole),
        new("Patient:ApproveTransfer", "patient", _othersByRole),
        new("Patient:Transfer", "pharmacist", "patient regulator regulator-service"),
        new("Patient:Get", "doctor patient regulator hospital-service"),
        new("KeyGrant:Grant", "doctor hospital-service", _othersByRole),
        new("KeyGrant:Revoke", "doctor hospital-service", _othersByRole),
        new("KeyGrant:ListLapsed", "doctor hospital-service", _othersByRole),
    ];

    /// <summary>Whether <paramref name="role"/> may call <paramref name="function"/>.</summary>
    public static bool Allows(string function, string role) =>
        Operations.Single(o => o.Function == function).AllowedRoles.Contains(role);

    /// <summary>
    /// The (function, role) cells refused whatever the input: the role and organization kind alone
    /// exclude the caller, so the answer is 403 even to malformed arguments, never a 400 that would
    /// tell an unauthorised caller something about its input.
    /// </summary>
    public static IEnumerable<(string Function, string Role)> RefusedWhateverTheInput() =>
        Operations.SelectMany(o => o.RefusedWhateverTheInput.Select(role => (o.Function, role)));

    /// <summary>Every (function, role, allowed) cell of the table.</summary>
    public static IEnumerable<(string Function, string Role, bool Allowed)> Cells() =>
        Operations.SelectMany(o => Roles.Select(role => (o.Function, role, o.AllowedRoles.Contains(role))));
}

/// <summary>
/// A transaction, the roles allowed to call it and the roles refused before its input is read
/// (<see cref="AllOthers"/>: every role not allowed; empty: the refusals depend on the data).
/// </summary>
public sealed class Operation(string function, string allowedRoles, string refusedWhateverTheInput = "")
{
    /// <summary>Stands for every role not allowed.</summary>
    public const string AllOthers = "*";

    /// <summary>"Contract:Function".</summary>
    public string Function { get; } = function;

    /// <summary>The roles that may call it.</summary>
    public IReadOnlySet<string> AllowedRoles { get; } = allowedRoles.Split(' ').ToHashSet(StringComparer.Ordinal);

    /// <summary>The roles refused (403) whatever arguments they send.</summary>
    public IReadOnlySet<string> RefusedWhateverTheInput => refusedWhateverTheInput == AllOthers
        ? RoleTable.Roles.Where(r => !AllowedRoles.Contains(r)).ToHashSet(StringComparer.Ordinal)
        : refusedWhateverTheInput.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
