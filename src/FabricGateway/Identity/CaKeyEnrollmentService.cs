using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.FabricClient;
using MedChain.FabricGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Identity;

/// <summary>Issues enrolments from the organization's own CA key (local and test networks), as Fabric CA would.</summary>
internal sealed class CaKeyEnrollmentService(IOptions<EnrollmentOptions> enrollment, IOptions<FabricOptions> fabric) : IEnrollmentService
{
    public async Task<Enrollment> EnrollAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var options = enrollment.Value;
        var caPem = await File.ReadAllTextAsync(options.CaCertificatePath!, cancellationToken).ConfigureAwait(false);
        var caKeyPem = await File.ReadAllTextAsync(options.CaPrivateKeyPath!, cancellationToken).ConfigureAwait(false);
        using var caKey = ECDsa.Create();
        caKey.ImportFromPem(caKeyPem);
        using var caPublic = X509Certificate2.CreateFromPem(caPem);
        using var ca = caPublic.CopyWithPrivateKey(caKey);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["medchain.id"] = person.Id, ["medchain.role"] = person.Role };
        using var certificate = AttributeCertificates.Issue(ca, fabric.Value.MspId, person.EnrollmentId, attributes, key, options.CertificateLifetime);
        return new Enrollment(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
