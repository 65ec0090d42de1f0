using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedChain.FabricClient;

/// <summary>
/// Loads identities and signers from files: PEM files, or an MSP folder as Fabric's
/// <c>cryptogen</c> and CA client write it (<c>signcerts/*.pem</c>, <c>keystore/*</c> PKCS#8 EC key).
/// </summary>
public static class IdentityFiles
{
    /// <summary>Reads an identity from a PEM certificate file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no X.509 certificate.</exception>
    public static async Task<Identity> ReadIdentityAsync(string mspId, string certificatePemPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        var pem = await ReadRequiredAsync(certificatePemPath, "certificate", cancellationToken).ConfigureAwait(false);
        using var _ = ParseCertificate(pem, certificatePemPath);
        return new Identity(mspId, System.Text.Encoding.UTF8.GetBytes(pem));
    }

    /// <summary>Reads an ECDSA signer from a PEM private key file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no EC private key.</exception>
    public static async Task<EcdsaSigner> ReadSignerAsync(string privateKeyPemPath, CancellationToken cancellationToken = default)
    {
        var pem = await ReadRequiredAsync(privateKeyPemPath, "private key", cancellationToken).ConfigureAwait(false);
        try
        {
            return EcdsaSigner.FromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"'{privateKeyPemPath}' holds no usable EC private key: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads a certificate and its private key from PEM files and checks that they belong together.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is unreadable or the key does not match the certificate.</exception>
    public static async Task<(Identity Identity, EcdsaSigner Signer)> ReadPemFilesAsync(string mspId, string certificatePemPath, string privateKeyPemPath, CancellationToken cancellationToken = default)
    {
        var identity = await ReadIdentityAsync(mspId, certificatePemPath, cancellationToken).ConfigureAwait(false);
        var signer = await ReadSignerAsync(privateKeyPemPath, cancellationToken).ConfigureAwait(false);
        if (!Matches(identity, signer))
        {
            signer.Dispose();
            throw new InvalidDataException($"The private key '{privateKeyPemPath}' does not belong to the certificate '{certificatePemPath}'.");
        }

        return (identity, signer);
    }

    /// <summary>
    /// Reads the identity and signer of an MSP folder: the one certificate in <c>signcerts</c> and the
    /// key in <c>keystore</c> that matches it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder or one of its subfolders is missing.</exception>
    /// <exception cref="InvalidDataException">No certificate, several, or no key that matches it.</exception>
    public static async Task<(Identity Identity, EcdsaSigner Signer)> ReadMspDirectoryAsync(string mspId, string mspDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentException.ThrowIfNullOrWhiteSpace(mspDirectory);
        var signcerts = RequireDirectory(Path.Combine(mspDirectory, "signcerts"));
        var keystore = RequireDirectory(Path.Combine(mspDirectory, "keystore"));

        var certificates = Directory.GetFiles(signcerts, "*.pem");
        if (certificates.Length != 1)
        {
            throw new InvalidDataException($"'{signcerts}' must hold exactly one *.pem certificate; it holds {certificates.Length}.");
        }

        var identity = await ReadIdentityAsync(mspId, certificates[0], cancellationToken).ConfigureAwait(false);
        var keyFiles = Directory.GetFiles(keystore);
        if (keyFiles.Length == 0)
        {
            throw new InvalidDataException($"'{keystore}' holds no private key.");
        }

        // cryptogen writes one key named priv_sk, the CA client one per enrolment named <ski>_sk:
        // take the one that matches the certificate.
        foreach (var keyFile in keyFiles.Order(StringComparer.Ordinal))
        {
            EcdsaSigner signer;
            try
            {
                signer = await ReadSignerAsync(keyFile, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                continue;
            }

            if (Matches(identity, signer))
            {
                return (identity, signer);
            }

            signer.Dispose();
        }

        throw new InvalidDataException($"No private key in '{keystore}' matches the certificate '{certificates[0]}'.");
    }

    private static bool Matches(Identity identity, EcdsaSigner signer)
    {
        using var certificate = ParseCertificate(System.Text.Encoding.UTF8.GetString(identity.Credentials.Span), "identity");
        using var certificateKey = certificate.GetECDsaPublicKey();
        if (certificateKey is null)
        {
            return false;
        }

        var a = certificateKey.ExportParameters(false);
        var b = signer.PublicKey;
        return a.Q.X!.AsSpan().SequenceEqual(b.Q.X) && a.Q.Y!.AsSpan().SequenceEqual(b.Q.Y);
    }

    private static X509Certificate2 ParseCertificate(string pem, string source)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"'{source}' holds no PEM X.509 certificate: {e.Message}", e);
        }
    }

    private static string RequireDirectory(string path) =>
        Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"MSP folder '{path}' does not exist.");

    private static async Task<string> ReadRequiredAsync(string path, string what, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} file '{path}' does not exist.", path);
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
