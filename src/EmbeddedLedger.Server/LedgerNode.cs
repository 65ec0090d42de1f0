using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedChain.ContractApi;
using MedChain.Contracts;
using Microsoft.Extensions.Options;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// The node: its embedded peer (block log replayed at start-up), its own peer identity, and the registry bootstrap
/// on a new ledger. Started before the server listens, so a client that can connect finds the ledger ready.
/// </summary>
internal sealed class LedgerNode(IOptions<EmbeddedLedgerServerOptions> options, TimeProvider time, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<LedgerNode>();
    private EmbeddedPeer? _peer;
    private NodeIdentity? _identity;
    private PendingEndorsements? _pending;

    public EmbeddedPeer Peer => _peer ?? throw new InvalidOperationException("The ledger node has not started.");

    /// <summary>The node's peer identity (endorsement signatures).</summary>
    public NodeIdentity Identity => _identity ?? throw new InvalidOperationException("The ledger node has not started.");

    public PendingEndorsements Pending => _pending ?? throw new InvalidOperationException("The ledger node has not started.");

    public EmbeddedLedgerServerOptions Options => options.Value;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var authorities = settings.Organizations.ToDictionary(
            o => o.Key,
            o => (IReadOnlyList<X509Certificate2>)[X509Certificate2.CreateFromPem(File.ReadAllText(o.Value))],
            StringComparer.Ordinal);
        var authority = authorities[settings.MspId][0];
        using var authorityKey = ECDsa.Create();
        authorityKey.ImportFromPem(await File.ReadAllTextAsync(settings.CaPrivateKeyPath, cancellationToken));
        _identity = NodeIdentity.Issue(authority, authorityKey, settings.MspId, $"peer0.{settings.MspId.ToLowerInvariant()}", "peer", time);
        _pending = new PendingEndorsements(time, settings.EndorsementLifetime, settings.MaxPendingEndorsements, _logger);
        _peer = EmbeddedPeer.Open(MedChainChaincode.Create(logger: loggers.CreateLogger<ContractChaincode>()), new EmbeddedPeerOptions
        {
            DataDirectory = settings.DataDirectory,
            ChannelId = settings.Channel,
            ChaincodeName = settings.Chaincode,
            CertificateAuthorities = authorities,
            TimeProvider = time,
        }, loggers.CreateLogger<EmbeddedPeer>());
        var organizations = string.Join(", ", authorities.Keys);
        ServerLog.Started(_logger, settings.MspId, settings.Channel, settings.Chaincode, organizations, settings.DataDirectory);
        if (!string.IsNullOrWhiteSpace(settings.Registry))
        {
            using var admin = NodeIdentity.Issue(authority, authorityKey, settings.MspId, $"admin.{settings.MspId.ToLowerInvariant()}", "admin", time);
            await BootstrapAsync(_peer, admin, settings.Registry, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _peer?.Dispose();
        _identity?.Dispose();
    }

    // As deploy-ccaas.sh does on Fabric: a registry that answers means the init ran; otherwise run it, once.
    private async Task BootstrapAsync(EmbeddedPeer peer, NodeIdentity admin, string registry, CancellationToken cancellationToken)
    {
        var current = await peer.EvaluateAsync(admin, ["Admin:GetOrganizations"], null, cancellationToken);
        if (current.IsSuccess)
        {
            ServerLog.AlreadyInitialized(_logger);
            return;
        }

        var init = await peer.InitAsync(admin, ["Admin:InitRegistry", registry], cancellationToken);
        if (!init.IsValid)
        {
            throw new InvalidOperationException($"The chaincode's init (Admin:InitRegistry) failed: {init.ValidationCode?.ToString() ?? $"chaincode response {init.Response.Status}, {init.Response.Message}"}.");
        }

        ServerLog.Initialized(_logger, admin.MspId, init.BlockNumber ?? 0);
    }
}
