using MedChain.FabricGateway.Identity;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The KeyGrant contract as the service uses it: the chain records (and checks against the patient's consents)
/// every grant of a record key to another organization and its revocation, before storage acts on it.
/// </summary>
public interface IKeyGrantLedger
{
    /// <summary>Records the grant and waits for the commit; the chaincode refuses (403) without a consent in force.</summary>
    Task<LedgerWrite<KeyGrantView>> GrantAsync(FabricSigningIdentity caller, string recordId, string granteeMspId, CancellationToken cancellationToken);

    /// <summary>Records the revocation and waits for the commit; the chaincode refuses (409) while a consent still covers the grant.</summary>
    Task<LedgerWrite<KeyGrantView>> RevokeAsync(FabricSigningIdentity caller, string recordId, string granteeMspId, CancellationToken cancellationToken);

    /// <summary>One page of this custodian's active grants no consent covers any more.</summary>
    Task<LedgerPage<KeyGrantView>> ListLapsedAsync(FabricSigningIdentity caller, string custodianMspId, int pageSize, string? bookmark, CancellationToken cancellationToken);
}

/// <summary>A key grant as the chaincode returns it.</summary>
public sealed record KeyGrantView(string RecordId, string PatientId, string CustodianMspId, string GranteeMspId, string ConsentId, string TxId, bool Revoked);
