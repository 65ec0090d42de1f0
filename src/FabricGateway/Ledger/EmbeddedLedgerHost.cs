using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.Contracts;
using MedChain.EmbeddedLedger;
using MedChain.FabricGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// Owns the embedded peer running the MedChain chaincode (<c>Ledger:Mode=Embedded</c>): opened, and its block log
/// replayed, when the host starts, so a damaged log stops the service before it serves anyone.
/// </summary>
public sealed class EmbeddedLedgerHost(
    IOptions<LedgerOptions> ledger,
    IOptions<FabricOptions> fabric,
    TimeProvider time,
    ILogger<EmbeddedLedgerHost> logger) : IHostedService, IDisposable
{
    private readonly Lazy<EmbeddedPeer> _peer = new(() => Open(ledger.Value, fabric.Value, time, logger));

    /// <summary>The embedded peer, opened on first use.</summary>
    public Task<EmbeddedPeer> GetPeerAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_peer.Value);
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        ledger.Value.Mode == LedgerMode.Embedded ? GetPeerAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_peer.IsValueCreated)
        {
            _peer.Value.Dispose();
        }
    }

    private static EmbeddedPeer Open(LedgerOptions ledger, FabricOptions fabric, TimeProvider time, ILogger logger)
    {
        var authorities = ledger.Organizations.ToDictionary(
            o => o.Key,
            o => (IReadOnlyList<X509Certificate2>)[X509Certificate2.CreateFromPem(File.ReadAllText(o.Value))],
            StringComparer.Ordinal);
        GatewayLog.EmbeddedLedgerSelected(logger, ledger.DataDirectory!, string.Join(", ", authorities.Keys));
        return EmbeddedPeer.Open(MedChainChaincode.Create(), new EmbeddedPeerOptions
        {
            DataDirectory = ledger.DataDirectory!,
            ChannelId = fabric.Channel,
            ChaincodeName = fabric.Chaincode,
            CertificateAuthorities = authorities,
            TimeProvider = time,
        }, logger);
    }

    /// <summary>True when <paramref name="path"/> is a readable PEM certificate (CreateFromPemFile would also demand a private key).</summary>
    internal static bool IsCertificateFile(string? path)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path!));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
