using System.Security.Cryptography;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Admin.Internal;

/// <summary>
/// The organization registry. It is bootstrapped only by the chaincode's init invocation
/// (<c>Admin:InitRegistry</c>), which the peer runs first and once per definition version and which is
/// endorsed under the chaincode's policy; an empty ledger can no longer be seized by whoever calls
/// first. The registry key carries a key-level endorsement policy (a majority of the members' peers),
/// and a change applies only once a majority of the current members' <c>service</c> identities
/// approved the same content (<c>Admin:ConfigureOrganizations</c>): no single member, the regulator
/// included, can re-classify anyone.
/// </summary>
internal static class AdminOperations
{
    public static async Task<OrganizationRegistry> InitRegistryAsync(Tx tx, OrganizationsRequest request)
    {
        if (await tx.Stub.GetStateAsync(CallerResolver.RegistryKey(tx), tx.CancellationToken).ConfigureAwait(false) is { Length: > 0 })
        {
            // A new definition version with --init-required runs init again: it must not reset the registry.
            throw Errors.Conflict("the organization registry is already bootstrapped; change it with Admin:ConfigureOrganizations");
        }

        var (organizations, emergencyLimit) = (request.Organizations, request.EmergencyAccessesPerDoctorPerDay);
        var mspId = tx.Identity.MspId;

        // Usually a peer admin runs init: its certificate need not carry MedChain attributes.
        var registry = await WriteAsync(tx, organizations, emergencyLimit, new Party { MspId = mspId, Role = Role.Service }).ConfigureAwait(false);
        return registry;
    }

    public static async Task<RegistryChange> ConfigureOrganizationsAsync(Tx tx, OrganizationsRequest request)
    {
        var key = CallerResolver.RegistryKey(tx);
        var currentBytes = await tx.Stub.GetStateAsync(key, tx.CancellationToken).ConfigureAwait(false);
        if (currentBytes is not { Length: > 0 })
        {
            throw Errors.Forbidden("the organization registry is not bootstrapped (Admin:InitRegistry in the chaincode's init invocation)");
        }

        var current = StateJson.Deserialize<OrganizationRegistry>(currentBytes);
        var role = CallerResolver.ReadRole(tx);
        var mspId = tx.Identity.MspId;
        if (role != Role.Service)
        {
            throw Errors.Forbidden($"ConfigureOrganizations requires role 'service', the caller is '{EnumCodes<Role>.ToCode(role)}'");
        }

        if (current.KindOf(mspId) is null)
        {
            throw Errors.Forbidden($"organization '{mspId}' is not a registered MedChain member");
        }

        var (organizations, emergencyLimit) = (request.Organizations, request.EmergencyAccessesPerDoctorPerDay);

        // Bound to the registry in force, so approvals of an earlier round never count again.
        var proposalId = ProposalId(currentBytes, organizations, emergencyLimit);
        await tx.PutMarkerAsync(tx.Key(Keys.RegistryApproval, proposalId, mspId)).ConfigureAwait(false);
        var approvals = new SortedSet<string>(StringComparer.Ordinal) { mspId };
        var iterator = await tx.Stub.GetStateByPartialCompositeKeyAsync(Keys.RegistryApproval, [proposalId], tx.CancellationToken).ConfigureAwait(false);
        await using (((IAsyncDisposable)iterator).ConfigureAwait(false))
        {
            await foreach (var kv in iterator.WithCancellation(tx.CancellationToken).ConfigureAwait(false))
            {
                var approver = tx.Stub.SplitCompositeKey(kv.Key).Attributes[1];
                if (current.KindOf(approver) is not null)
                {
                    approvals.Add(approver);
                }
            }
        }

        var required = RegistryPolicy.Majority(current.Organizations.Count);
        var applied = approvals.Count >= required;
        var registry = applied
            ? await WriteAsync(tx, organizations, emergencyLimit, new Party { MspId = mspId, Role = role, PersonId = tx.Identity.GetAttributeValue(CallerResolver.IdAttribute) }).ConfigureAwait(false)
            : current;
        return new RegistryChange { Applied = applied, ProposalId = proposalId, ApprovedBy = [.. approvals], Required = required, Registry = registry };
    }

    public static async Task<OrganizationRegistry> GetOrganizationsAsync(Tx tx) =>
        await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false) ?? throw Errors.NotFound("the organization registry is not configured yet");

    private static async Task<OrganizationRegistry> WriteAsync(Tx tx, IReadOnlyList<Organization> organizations, int? emergencyLimit, Party by)
    {
        var registry = new OrganizationRegistry
        {
            Organizations = organizations,
            EmergencyAccessesPerDoctorPerDay = emergencyLimit,
            UpdatedAt = tx.Now,
            UpdatedBy = by,
        };
        var key = CallerResolver.RegistryKey(tx);
        await tx.PutAsync(key, registry).ConfigureAwait(false);
        await tx.Stub.SetStateValidationParameterAsync(key, RegistryPolicy.For(organizations), tx.CancellationToken).ConfigureAwait(false);
        tx.Emit(EventNames.OrganizationsConfigured, registry);
        return registry;
    }

    private static string ProposalId(byte[] currentRegistry, IReadOnlyList<Organization> organizations, int? emergencyLimit)
    {
        var proposed = StateJson.Serialize(new RegistryProposal(organizations, emergencyLimit));
        return Convert.ToHexStringLower(SHA256.HashData([.. SHA256.HashData(currentRegistry), .. proposed]));
    }

    /// <summary>What a takeover proposal is about (its id hashes it), as it has been written since the first proposal.</summary>
    internal sealed record RegistryProposal(IReadOnlyList<Organization> Organizations, int? EmergencyAccessesPerDoctorPerDay);
}
