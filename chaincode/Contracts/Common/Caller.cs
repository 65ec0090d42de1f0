namespace MedChain.Contracts.Common;

/// <summary>The resolved submitter of a transaction.</summary>
/// <param name="MspId">The MSP id of its organization.</param>
/// <param name="OrgKind">The kind of that organization, from the on-chain registry.</param>
/// <param name="Role">The role from the certificate attribute <c>medchain.role</c>.</param>
/// <param name="PersonId">The person id from <c>medchain.id</c>; required for doctors, pharmacists and patients.</param>
public sealed record Caller(string MspId, OrgKind OrgKind, Role Role, string? PersonId)
{
    /// <summary>The caller as recorded on chain.</summary>
    public Party AsParty() => new() { MspId = MspId, Role = Role, PersonId = PersonId };

    /// <summary>True when the caller is the patient with this pseudonym.</summary>
    public bool IsPatient(string patientId) => Role == Role.Patient && string.Equals(PersonId, patientId, StringComparison.Ordinal);
}
