using System.Security.Cryptography.X509Certificates;

namespace MedChain.Grpc.Internal;

/// <summary>Chain validation against an explicit set of trusted roots (Fabric MSPs bring their own CAs).</summary>
internal static class CertificateValidation
{
    /// <summary>True when <paramref name="certificate"/> chains to one of <paramref name="roots"/>; revocation is not checked.</summary>
    public static bool ChainsToRoots(X509Certificate? certificate, X509Chain? presentedChain, X509Certificate2Collection roots)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            // Intermediates the peer sent along.
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
