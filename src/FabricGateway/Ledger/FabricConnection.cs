using Grpc.Net.Client;
using MedChain.FabricClient;
using MedChain.FabricGateway.Configuration;
using MedChain.FabricGateway.Identity;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The service's one gRPC connection to the peer's Gateway, opened on first use and shared by every request;
/// each call gets a Gateway of its own signing as the person making it.
/// </summary>
public sealed class FabricConnection : IAsyncDisposable
{
    private readonly FabricOptions _options;
    private readonly ILogger<FabricConnection> _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<Task<GrpcChannel>> _connection;

    /// <summary><paramref name="time"/> stamps every proposal: the transaction time the chaincode decides by.</summary>
    public FabricConnection(IOptions<FabricOptions> options, TimeProvider time, ILogger<FabricConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _connection = new(ConnectAsync);
    }

    /// <summary>The MedChain chaincode on the configured channel, as <paramref name="caller"/>.</summary>
    public async Task<Contract> GetContractAsync(FabricSigningIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var channel = await _connection.Value.ConfigureAwait(false);
        var gateway = MedChain.FabricClient.Gateway.Connect(caller.Identity, caller.Signer, channel, new GatewayOptions
        {
            EvaluateTimeout = _options.EvaluateTimeout,
            EndorseTimeout = _options.EndorseTimeout,
            SubmitTimeout = _options.SubmitTimeout,
            CommitStatusTimeout = _options.CommitStatusTimeout,
            TimeProvider = _time,
        });
        return gateway.GetNetwork(_options.Channel).GetContract(_options.Chaincode);
    }

    /// <summary>Whether the peer's Gateway accepts a connection (readiness): waits for the channel to be ready.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var channel = await _connection.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            await channel.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            (await _connection.Value.ConfigureAwait(false)).Dispose();
        }
    }

    private async Task<GrpcChannel> ConnectAsync()
    {
        var channel = await GatewayConnectionFactory.CreateChannelAsync(new GatewayConnectionOptions
        {
            Endpoint = _options.Endpoint,
            TlsRootCertificatePath = _options.TlsRootCertificatePath,
            ServerNameOverride = _options.ServerNameOverride,
        }).ConfigureAwait(false);
        GatewayLog.FabricConnected(_logger, _options.Endpoint, _options.MspId, _options.Channel, _options.Chaincode);
        return channel;
    }
}
