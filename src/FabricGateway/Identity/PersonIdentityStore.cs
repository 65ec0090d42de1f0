using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedChain.FabricGateway.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Identity;

/// <summary>
/// The organization's identity store: one blob per person's enrolment, holding the certificate and the private
/// key encrypted with ASP.NET Core Data Protection (never a plain key at rest).
/// </summary>
public sealed class PersonIdentityStore(BlobServiceClient blobs, IDataProtectionProvider protection, IOptions<EnrollmentOptions> options)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _protector = protection.CreateProtector("MedChain.FabricGateway.PersonIdentity.v1");

    private BlobContainerClient Container => blobs.GetBlobContainerClient(options.Value.IdentitiesContainer);

    /// <summary>The stored enrolment, or null when there is none or its key can no longer be decrypted (lost key ring).</summary>
    public async Task<Enrollment?> FindAsync(Person person, CancellationToken cancellationToken)
    {
        StoredIdentity? stored;
        try
        {
            var content = await Container.GetBlobClient(BlobName(person)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            stored = content.Value.Content.ToObjectFromJson<StoredIdentity>(_json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        if (stored is null)
        {
            return null;
        }

        try
        {
            return new Enrollment(stored.CertificatePem, _protector.Unprotect(stored.ProtectedPrivateKey));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Saves (or replaces) a person's enrolment, its private key encrypted.</summary>
    public async Task SaveAsync(Person person, Enrollment enrollment, CancellationToken cancellationToken)
    {
        var stored = new StoredIdentity(person.Id, person.Role, enrollment.CertificatePem, _protector.Protect(enrollment.PrivateKeyPem));
        await Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Container.GetBlobClient(BlobName(person))
            .UploadAsync(BinaryData.FromObjectAsJson(stored, _json), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    internal static string BlobName(Person person) => $"{person.EnrollmentId}.json";

    private sealed record StoredIdentity(string Id, string Role, string CertificatePem, string ProtectedPrivateKey);
}
