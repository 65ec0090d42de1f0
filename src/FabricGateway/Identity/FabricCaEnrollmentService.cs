using System.Security.Cryptography;
using MedChain.FabricCa;
using MedChain.FabricGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Identity;

/// <summary>
/// Enrols callers through the organization's Fabric CA, as operators do in production: the registrar registers the
/// person (type client, <c>medchain.role</c> and <c>medchain.id</c> as certificate attributes) with a fresh
/// one-time secret, then the service enrols with a key generated here, requiring both attributes in the certificate.
/// </summary>
internal sealed class FabricCaEnrollmentService : IEnrollmentService, IDisposable
{
    private static readonly string[] _requiredAttributes = ["medchain.id", "medchain.role"];
    private readonly EnrollmentOptions _options;
    private readonly FabricCaClient _client;
    private readonly Lazy<FabricCaCredential> _registrar;

    public FabricCaEnrollmentService(IOptions<EnrollmentOptions> options)
        : this(options, FabricCaClient.Create(new FabricCaClientOptions
        {
            Url = new Uri(options.Value.FabricCaUrl!),
            CaName = options.Value.FabricCaName,
            TlsRootCertificatePath = options.Value.FabricCaTlsRootCertificatePath,
        }))
    {
    }

    internal FabricCaEnrollmentService(IOptions<EnrollmentOptions> options, FabricCaClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _client = client;
        _registrar = new(() => FabricCaCredential.FromPem(
            File.ReadAllText(_options.RegistrarCertificatePath!),
            File.ReadAllText(_options.RegistrarPrivateKeyPath!)));
    }

    public async Task<Enrollment> EnrollAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        FabricCaAttributeValue[] attributes = [new("medchain.id", person.Id), new("medchain.role", person.Role)];
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var registration = new FabricCaRegistration(person.EnrollmentId, secret, attributes) { Affiliation = _options.FabricCaAffiliation ?? string.Empty };
        try
        {
            await _client.RegisterAsync(registration, _registrar.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (FabricCaException e) when (e.HasError(FabricCaErrorCodes.IdentityAlreadyRegistered))
        {
            // Enrolled before (renewal, or a lost identity store): the old secret is unknown here, so set a new one.
            await _client.ModifyIdentityAsync(person.EnrollmentId, secret, attributes, _registrar.Value, cancellationToken).ConfigureAwait(false);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var enrolled = await _client.EnrollAsync(new FabricCaEnrollmentRequest(person.EnrollmentId, secret, key, _requiredAttributes), cancellationToken).ConfigureAwait(false);
        return new Enrollment(enrolled.CertificatePem, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        _client.Dispose();
        if (_registrar.IsValueCreated)
        {
            _registrar.Value.Dispose();
        }
    }
}
