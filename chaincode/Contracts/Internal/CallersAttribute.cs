using MedChain.Contracts.Common;

namespace MedChain.Contracts.Internal;

/// <summary>
/// Who may call a transaction at all, as far as the certificate's role and the organization's kind
/// tell without the input: checked before the arguments are bound, so an unauthorised caller gets 403
/// whatever it sent. No roles: any caller the registry resolves. The operations still decide what
/// depends on the data (whose patient, which custodian).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class CallersAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;

    /// <summary>The organization kinds the caller must belong to; empty: any.</summary>
    public OrgKind[] In { get; set; } = [];
}
