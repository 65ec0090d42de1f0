using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using MedChain.FabricClient;
using MedChain.FabricGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Identity;

/// <summary>
/// Each person's own Fabric identity: from the identity store, or enrolled on first use (and again when the
/// certificate nears expiry). Signers stay in memory so a request does not decrypt a key each time.
/// </summary>
public sealed class PersonalIdentities(
    IEnrollmentService enrollment,
    PersonIdentityStore store,
    IOptions<FabricOptions> fabric,
    ILogger<PersonalIdentities> logger) : IDisposable
{
    private static readonly TimeSpan _renewBefore = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Person, Lazy<Task<FabricSigningIdentity>>> _identities = new();

    /// <summary>The person's signing identity, enrolling them if they have none yet.</summary>
    public async Task<FabricSigningIdentity> GetAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var entry = _identities.GetOrAdd(person, p => new Lazy<Task<FabricSigningIdentity>>(() => LoadOrEnrollAsync(p, CancellationToken.None)));
        FabricSigningIdentity identity;
        try
        {
            identity = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _identities.TryRemove(new KeyValuePair<Person, Lazy<Task<FabricSigningIdentity>>>(person, entry));
            throw;
        }

        if (identity.NotAfter - DateTimeOffset.UtcNow > _renewBefore)
        {
            return identity;
        }

        _identities.TryRemove(new KeyValuePair<Person, Lazy<Task<FabricSigningIdentity>>>(person, entry));
        return await GetAsync(person, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var entry in _identities.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
        {
            entry.Value.Result.Dispose();
        }
    }

    private async Task<FabricSigningIdentity> LoadOrEnrollAsync(Person person, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(person, cancellationToken).ConfigureAwait(false);
        if (stored is not null && ToIdentity(stored) is { } current && current.NotAfter - DateTimeOffset.UtcNow > _renewBefore)
        {
            return current;
        }

        var enrolled = await enrollment.EnrollAsync(person, cancellationToken).ConfigureAwait(false);
        await store.SaveAsync(person, enrolled, cancellationToken).ConfigureAwait(false);
        GatewayLog.PersonEnrolled(logger, person.Role, person.Id);
        return ToIdentity(enrolled);
    }

    private FabricSigningIdentity ToIdentity(Enrollment enrolled)
    {
        using var certificate = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        var identity = new FabricClient.Identity(fabric.Value.MspId, System.Text.Encoding.UTF8.GetBytes(enrolled.CertificatePem));
        return new FabricSigningIdentity(identity, EcdsaSigner.FromPem(enrolled.PrivateKeyPem), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }
}

/// <summary>A person's Fabric identity: what transactions are signed as.</summary>
public sealed record FabricSigningIdentity(FabricClient.Identity Identity, EcdsaSigner Signer, DateTimeOffset NotAfter) : IDisposable
{
    public void Dispose() => Signer.Dispose();
}
