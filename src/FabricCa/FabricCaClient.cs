using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using MedChain.FabricCa.Internal;

namespace MedChain.FabricCa;

/// <summary>
/// Fabric CA's REST API (<c>/api/v1/…</c>): register identities as a registrar (token auth), change an identity's
/// secret and attributes, and enrol with a PKCS#10 request (basic auth with the enrolment secret). Thread-safe;
/// share one instance. Virtual so callers can fake it.
/// </summary>
public class FabricCaClient : IDisposable
{
    private const string _apiPrefix = "/api/v1/";
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue _jsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _caName;

    /// <summary>A client sending through <paramref name="http"/> (its <c>BaseAddress</c> is the CA server), which the caller owns.</summary>
    public FabricCaClient(HttpClient http, string? caName = null)
        : this(http, caName, ownsHttp: false)
    {
    }

    /// <summary>For mocking.</summary>
    protected FabricCaClient()
    {
        _http = new HttpClient();
        _ownsHttp = true;
    }

    private FabricCaClient(HttpClient http, string? caName, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs the CA server as its BaseAddress.", nameof(http));
        }

        _http = http;
        _caName = string.IsNullOrEmpty(caName) ? null : caName;
        _ownsHttp = ownsHttp;
    }

    /// <summary>A client of the server in <paramref name="options"/>, trusting only its TLS roots when given.</summary>
    public static FabricCaClient Create(FabricCaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url ?? throw new ArgumentException("FabricCaClientOptions.Url is required.", nameof(options));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.TlsRootCertificatePath is { Length: > 0 } rootsPath)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(rootsPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                TrustedBy(roots, certificate, errors);
        }

        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = url, Timeout = options.Timeout };
        return new FabricCaClient(http, options.CaName, ownsHttp: true);
    }

    /// <summary>Registers an identity as <paramref name="registrar"/>; returns the secret the CA stored (the one asked for).</summary>
    /// <exception cref="FabricCaException">The CA refused, e.g. <see cref="FabricCaErrorCodes.IdentityAlreadyRegistered"/>.</exception>
    public virtual async Task<string> RegisterAsync(FabricCaRegistration registration, FabricCaCredential registrar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(registrar);
        var body = new RegisterBody(registration.EnrollmentId, registration.Type, registration.Secret, registration.Affiliation, ToBodies(registration.Attributes), _caName);
        var result = await SendAsync<RegisterResult>(HttpMethod.Post, "register", body, registrar, basicAuth: null, cancellationToken).ConfigureAwait(false);
        return result?.Secret ?? registration.Secret;
    }

    /// <summary>Gives a registered identity a new secret and sets <paramref name="attributes"/> (others are kept), as <paramref name="registrar"/>.</summary>
    /// <exception cref="FabricCaException">The CA refused.</exception>
    public virtual async Task ModifyIdentityAsync(string enrollmentId, string secret, IReadOnlyList<FabricCaAttributeValue> attributes, FabricCaCredential registrar, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(enrollmentId);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(registrar);
        var body = new ModifyIdentityBody(secret, ToBodies(attributes), _caName);
        await SendAsync<JsonElement>(HttpMethod.Put, "identities/" + Uri.EscapeDataString(enrollmentId), body, registrar, basicAuth: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enrols: sends a CSR (subject CN = the enrolment id, signed with the request's key, SHA-256) with the required
    /// attributes and returns the certificate the CA issued for that key.
    /// </summary>
    /// <exception cref="FabricCaException">The CA refused (wrong secret: <see cref="FabricCaErrorCodes.AuthenticationFailure"/>).</exception>
    public virtual async Task<FabricCaEnrollment> EnrollAsync(FabricCaEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.EnrollmentId);
        ArgumentNullException.ThrowIfNull(request.Key);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(request.EnrollmentId);
        var csr = new CertificateRequest(subject.Build(), request.Key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var body = new EnrollBody(csr, [.. request.RequiredAttributes.Select(a => new AttributeRequestBody(a, Optional: false))], _caName);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{request.EnrollmentId}:{request.Secret}"));
        var result = await SendAsync<EnrollResult>(HttpMethod.Post, "enroll", body, registrar: null, basic, cancellationToken).ConfigureAwait(false);
        if (result?.Cert is not { Length: > 0 } cert)
        {
            throw new FabricCaException("Fabric CA answered the enrolment without a certificate.");
        }

        var certificatePem = Encoding.UTF8.GetString(Convert.FromBase64String(cert));
        using (var issued = X509Certificate2.CreateFromPem(certificatePem))
        using (var issuedKey = issued.GetECDsaPublicKey())
        {
            // A CA that certified another key than ours would hand out an unusable (or someone else's) identity.
            if (issuedKey is null || !issuedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(request.Key.ExportSubjectPublicKeyInfo()))
            {
                throw new FabricCaException("Fabric CA issued a certificate for another key than the one requested.");
            }
        }

        var chain = result.ServerInfo?.CaChain is { Length: > 0 } b64Chain ? Encoding.UTF8.GetString(Convert.FromBase64String(b64Chain)) : string.Empty;
        return new FabricCaEnrollment(certificatePem, chain);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string endpoint, object body, FabricCaCredential? registrar, string? basicAuth, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), _json);
        using var request = new HttpRequestMessage(method, new Uri(_http.BaseAddress!, _apiPrefix + endpoint));
        request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = _jsonType } };
        if (registrar is not null)
        {
            // The token signs the path and query exactly as the server will see them (Go's URL.RequestURI()).
            var token = await registrar.CreateTokenAsync(method.Method, request.RequestUri!.PathAndQuery, bytes, cancellationToken).ConfigureAwait(false);
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        else if (basicAuth is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basicAuth);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ResponseEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<ResponseEnvelope>(content, _json);
        }
        catch (JsonException e)
        {
            throw new FabricCaException($"Fabric CA answered {endpoint} with {(int)response.StatusCode} and no readable body.", e);
        }

        if (!response.IsSuccessStatusCode || envelope is not { Success: true })
        {
            throw new FabricCaException(endpoint, (int)response.StatusCode, envelope?.Errors ?? []);
        }

        return envelope.Result.ValueKind is JsonValueKind.Object ? envelope.Result.Deserialize<T>(_json) : default;
    }

    private static AttributeBody[] ToBodies(IReadOnlyList<FabricCaAttributeValue> attributes) =>
        [.. attributes.Select(a => new AttributeBody(a.Name, a.Value, a.ECert))];

    private static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        // A name mismatch or missing certificate is never excused; only the chain is judged against our roots.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
