using System.Security.Cryptography;
using System.Text;
using MedChain.FabricClient;

namespace MedChain.FabricCa;

/// <summary>
/// An enrolled identity that authenticates to Fabric CA with token auth (the registrar): its PEM certificate and
/// a signer holding its private key. Owns the signer.
/// </summary>
public sealed class FabricCaCredential : IDisposable
{
    private readonly byte[] _certificatePem;
    private readonly EcdsaSigner _signer;

    /// <summary>A credential of <paramref name="certificatePem"/> and <paramref name="signer"/> (which it then owns).</summary>
    public FabricCaCredential(string certificatePem, EcdsaSigner signer)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePem);
        ArgumentNullException.ThrowIfNull(signer);
        _certificatePem = Encoding.UTF8.GetBytes(certificatePem);
        _signer = signer;
    }

    /// <summary>Reads a certificate PEM and a private key PEM (PKCS#8 or SEC1).</summary>
    public static FabricCaCredential FromPem(string certificatePem, string privateKeyPem) =>
        new(certificatePem, EcdsaSigner.FromPem(privateKeyPem));

    /// <summary>
    /// The <c>Authorization</c> value of a request: <c>base64(cert) "." base64(signature)</c>, the signature (SHA-256,
    /// ECDSA, DER, low S) over <c>method "." base64(uri) "." base64(body) "." base64(cert)</c>, where uri is the
    /// request's path and query as sent. This is fabric-ca's <c>util.GenECDSAToken</c>; the server recomputes the
    /// payload from the request it received, so the token binds the method, the target and the body.
    /// </summary>
    public async Task<string> CreateTokenAsync(string method, string requestUri, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        var b64Certificate = Convert.ToBase64String(_certificatePem);
        var payload = string.Join(
            '.',
            method,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(requestUri)),
            Convert.ToBase64String(body.Span),
            b64Certificate);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(payload));
        var signature = await _signer.SignAsync(digest, cancellationToken).ConfigureAwait(false);
        return b64Certificate + "." + Convert.ToBase64String(signature);
    }

    public void Dispose() => _signer.Dispose();
}
