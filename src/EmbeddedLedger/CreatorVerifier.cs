using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace MedChain.EmbeddedLedger;

/// <summary>
/// Checks a proposal's creator as a peer's MSP does: a known MSP, an X.509 certificate in the serialized identity
/// that chains to one of that MSP's CA certificates and is valid now, and a proposal signature made with its key.
/// </summary>
internal sealed class CreatorVerifier(IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> authorities, TimeProvider time)
{
    public void Verify(byte[] serializedIdentity, byte[] proposal, byte[] signature)
    {
        MspPb.SerializedIdentity identity;
        try
        {
            identity = MspPb.SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProposalRejectedException("the creator is not a serialized identity", e);
        }

        if (!authorities.TryGetValue(identity.Mspid, out var roots) || roots.Count == 0)
        {
            throw new ProposalRejectedException($"the creator's organization {identity.Mspid} is not a member of the channel");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
        }
        catch (CryptographicException e)
        {
            throw new ProposalRejectedException("the creator's certificate cannot be read", e);
        }

        using (certificate)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
            // Fabric MSPs check revocation against the CRLs in their definition, not online; none are configured here.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
            if (!chain.Build(certificate))
            {
                var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                throw new ProposalRejectedException($"the creator's certificate is not valid for {identity.Mspid}: {why}");
            }

            using var key = certificate.GetECDsaPublicKey()
                ?? throw new ProposalRejectedException("the creator's certificate has no ECDSA key");
            if (!key.VerifyData(proposal, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new ProposalRejectedException("the proposal's signature does not match the creator's certificate");
            }
        }
    }
}

/// <summary>The embedded peer refused a proposal before running the chaincode (as a peer answers "access denied").</summary>
public sealed class ProposalRejectedException : Exception
{
    public ProposalRejectedException(string reason, Exception? innerException = null)
        : base($"access denied: {reason}", innerException)
    {
    }
}
