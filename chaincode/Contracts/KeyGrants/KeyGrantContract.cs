using MedChain.ContractApi;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;
using MedChain.Contracts.KeyGrants.Internal;

namespace MedChain.Contracts.KeyGrants;

/// <summary>
/// Grants of a record's data key to other organizations, decided on chain before any key is wrapped off chain:
/// a grant needs a consent of the patient in force for that organization, and is revoked (then the wrapped
/// key deleted) once no consent covers it any more.
/// </summary>
[Contract(Name = "KeyGrant", Description = "Record key grants to other organizations: under a patient's consent, revoked when it lapses.")]
public sealed class KeyGrantContract : MedChainContract
{
    /// <summary>Event of a committed grant (the grantee's service may fetch its key).</summary>
    public const string KeyGrantedEvent = "KeyGranted";

    /// <summary>Event of a committed revocation (the custodian deletes the wrapped key).</summary>
    public const string KeyGrantRevokedEvent = "KeyGrantRevoked";

    /// <summary>The contract with default options (system clock, five minutes of clock skew).</summary>
    public KeyGrantContract()
        : this(null)
    {
    }

    /// <summary>The contract with the given options.</summary>
    public KeyGrantContract(MedChainOptions? options)
        : base(options)
    {
    }

    /// <summary>
    /// The custodian's doctor or service records the grant of a record's key to another organization, which
    /// must hold a consent of the patient in force for the record. Returns an active grant as is.
    /// </summary>
    [Callers(Role.Doctor, Role.Service, In = [OrgKind.Hospital])]
    [Transaction(Description = "Records the grant of a record's key to another organization under a consent in force (custodian's doctor or service).")]
    public static Task<KeyGrant> Grant(Context ctx, KeyGrantRequest request) => KeyGrantOperations.GrantAsync(Tx.Of(ctx), request);

    /// <summary>The custodian's doctor or service revokes a grant no consent covers any more (409 while one does); a revoked grant is returned as is.</summary>
    [Callers(Role.Doctor, Role.Service, In = [OrgKind.Hospital])]
    [Transaction(Description = "Revokes a key grant once no consent covers it (custodian's doctor or service); the wrapped key is deleted after this commits.")]
    public static Task<KeyGrant> Revoke(Context ctx, KeyGrantRequest request) => KeyGrantOperations.RevokeAsync(Tx.Of(ctx), request);

    [Callers(Role.Doctor, Role.Service, In = [OrgKind.Hospital])]
    [Transaction(Evaluate = true, Description = "The custodian's active grants that no consent covers any more at the transaction time, paged (its doctors and service).")]
    public static Task<Page<KeyGrant>> ListLapsed(Context ctx, string custodianMspId, int pageSize, string bookmark) =>
        KeyGrantOperations.ListLapsedAsync(Tx.Of(ctx), custodianMspId, pageSize, bookmark);
}
