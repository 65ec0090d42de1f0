namespace MedChain.Identifiers;

/// <summary>The kinds of identifier MedChain accepts; each has one grammar (see <see cref="Ids"/>).</summary>
public enum IdKind
{
    /// <summary>A record id: also a blob name and bound into ciphertexts.</summary>
    Record,

    /// <summary>A patient pseudonym (e.g. an HMAC issued off chain); never a name.</summary>
    Patient,

    /// <summary>A person's <c>medchain.id</c> certificate attribute (doctor, pharmacist, delegate).</summary>
    Person,

    /// <summary>An organization's MSP id.</summary>
    Msp,

    /// <summary>A record type code (e.g. <c>lab-result</c>), matched by consent scopes.</summary>
    RecordType,

    /// <summary>A prescription id: <c>rx-</c> + the issuing transaction's id.</summary>
    Prescription,

    /// <summary>A consent id: <c>cns-</c> + the granting transaction's id.</summary>
    Consent,
}
