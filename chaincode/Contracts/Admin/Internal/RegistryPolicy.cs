using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace MedChain.Contracts.Admin.Internal;

/// <summary>
/// The key-level endorsement policy of the registry key: a majority (more than half) of the member
/// organizations' peers. Fabric validates every later write of the key, and of this policy, against
/// the policy committed before it, so no minority (one regulator included) can change the registry
/// even if the chaincode's own endorsement policy is weakened later.
/// </summary>
internal static class RegistryPolicy
{
    /// <summary>How many member organizations make a majority.</summary>
    public static int Majority(int members) => (members / 2) + 1;

    /// <summary>The serialized common.SignaturePolicyEnvelope: n-of the members' <c>.peer</c> principals, in MSP id order.</summary>
    public static byte[] For(IReadOnlyList<Organization> organizations)
    {
        // Sorted by MSP id: every endorser must write the same bytes.
        var msps = organizations.Select(o => o.MspId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var envelope = new SignaturePolicyEnvelope
        {
            Version = 0,
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = Majority(msps.Count) } },
        };
        for (var i = 0; i < msps.Count; i++)
        {
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = msps[i], Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
            });
            envelope.Rule.NOutOf.Rules.Add(new SignaturePolicy { SignedBy = i });
        }

        return envelope.ToByteArray();
    }
}
