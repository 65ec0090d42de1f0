using Hyperledger.Fabric.Protos.Common;

namespace MedChain.EmbeddedLedger.Internal;

/// <summary>
/// Evaluates a serialized common.SignaturePolicyEnvelope against the organizations that endorsed:
/// an MSP role principal (member, peer) is met by an endorsement of that MSP. Enough for the
/// n-of-organizations policies chaincodes set on keys (each principal counted on its own, unlike the
/// peer, which lets one signature meet one principal); other principal kinds are never met.
/// </summary>
internal static class EndorsementPolicy
{
    public static bool IsSatisfied(byte[] policy, IReadOnlyCollection<string> endorsers)
    {
        SignaturePolicyEnvelope envelope;
        try
        {
            envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A peer cannot evaluate a malformed policy either: the write is invalid.
            return false;
        }

        var met = envelope.Identities.Select(i => Meets(i, endorsers)).ToList();
        return Evaluate(envelope.Rule, met);
    }

    private static bool Meets(MSPPrincipal principal, IReadOnlyCollection<string> endorsers)
    {
        if (principal.PrincipalClassification != MSPPrincipal.Types.Classification.Role)
        {
            return false;
        }

        var role = MSPRole.Parser.ParseFrom(principal.Principal);
        return role.Role is MSPRole.Types.MSPRoleType.Member or MSPRole.Types.MSPRoleType.Peer
            && endorsers.Contains(role.MspIdentifier, StringComparer.Ordinal);
    }

    private static bool Evaluate(SignaturePolicy? rule, List<bool> met) => rule?.TypeCase switch
    {
        SignaturePolicy.TypeOneofCase.SignedBy => rule.SignedBy >= 0 && rule.SignedBy < met.Count && met[rule.SignedBy],
        SignaturePolicy.TypeOneofCase.NOutOf => rule.NOutOf.Rules.Count(r => Evaluate(r, met)) >= rule.NOutOf.N,
        _ => false,
    };
}
