using System.Formats.Asn1;
using System.Numerics;
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
    private static readonly BigInteger _p256HalfOrder = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) / 2;
    private static readonly BigInteger _p384HalfOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) / 2;

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

        using var certificate = ReadCertificate(identity) ?? throw new ProposalRejectedException("the creator's certificate cannot be read");
        if (ChainError(certificate, roots) is { } why)
        {
            throw new ProposalRejectedException($"the creator's certificate is not valid for {identity.Mspid}: {why}");
        }

        if (SignatureError(certificate, proposal, signature, requireLowS: false) is { } error)
        {
            throw new ProposalRejectedException(error);
        }
    }

    /// <summary>
    /// A client's message (a proposal, an envelope, a request) checked as a peer's MSP checks its signer, answering
    /// as Fabric does: "channel [c] creator org unknown, creator is malformed" for an identity it can't place, else
    /// "channel [c] creator org [MSP]" (the precise reason is the inner exception, for the log only). DER, low-S.
    /// </summary>
    /// <returns>The signer's MSP id.</returns>
    public string VerifySigner(string channelId, ByteString serializedIdentity, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        MspPb.SerializedIdentity identity;
        try
        {
            identity = MspPb.SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException)
        {
            throw Malformed(channelId);
        }

        if (!authorities.TryGetValue(identity.Mspid, out var roots) || roots.Count == 0)
        {
            throw Malformed(channelId);
        }

        using var certificate = ReadCertificate(identity) ?? throw Malformed(channelId);
        var reason = ChainError(certificate, roots) is { } why
            ? $"the certificate is not valid for {identity.Mspid}: {why}"
            : SignatureError(certificate, message, signature, requireLowS: true);
        return reason is null
            ? identity.Mspid
            : throw new ProposalRejectedException($"channel [{channelId}] creator org [{identity.Mspid}]", new ProposalRejectedException(reason));
    }

    private static ProposalRejectedException Malformed(string channelId) => new($"channel [{channelId}] creator org unknown, creator is malformed");

    private static X509Certificate2? ReadCertificate(MspPb.SerializedIdentity identity)
    {
        try
        {
            return X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private string? ChainError(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        // Fabric MSPs check revocation against the CRLs in their definition, not online; none are configured here.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return chain.Build(certificate)
            ? null
            : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
    }

    private static string? SignatureError(X509Certificate2 certificate, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, bool requireLowS)
    {
        using var key = certificate.GetECDsaPublicKey();
        if (key is null)
        {
            return "the creator's certificate has no ECDSA key";
        }

        if (signature.IsEmpty)
        {
            return "the signature is empty";
        }

        if (requireLowS)
        {
            // Fabric's MSP refuses the high-S twin of a valid signature (malleability).
            try
            {
                var sequence = new AsnReader(signature.ToArray(), AsnEncodingRules.DER).ReadSequence();
                _ = sequence.ReadInteger();
                var s = sequence.ReadInteger();
                if (s > (key.KeySize == 384 ? _p384HalfOrder : _p256HalfOrder))
                {
                    return "invalid S: it must be smaller than half the order";
                }
            }
            catch (AsnContentException e)
            {
                return $"the signature is not DER: {e.Message}";
            }
        }

        // The MSP's default hash is SHA-256 whatever the curve.
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? null
            : "the signature does not match the creator's certificate";
    }
}

/// <summary>The embedded peer refused a proposal before running the chaincode (as a peer answers "access denied").</summary>
public sealed class ProposalRejectedException : Exception
{
    public ProposalRejectedException(string reason, Exception? innerException = null)
        : base($"access denied: {reason}", innerException)
    {
    }

    private ProposalRejectedException(string message, bool accessDenied)
        : base(message)
    {
        IsAccessDenied = accessDenied;
    }

    /// <summary>False when the proposal was refused for its form (e.g. a wrongly computed transaction id), not its creator.</summary>
    public bool IsAccessDenied { get; } = true;

    /// <summary>A proposal refused for its form, with the peer's words.</summary>
    internal static ProposalRejectedException Invalid(string message) => new(message, accessDenied: false);
}
