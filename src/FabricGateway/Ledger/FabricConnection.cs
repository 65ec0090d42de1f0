using Grpc.Net.Client;
using MedChain.FabricClient;
using MedChain.FabricGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Ledger;

/// <summary>
/// The service's one gRPC connection to the peer's Gateway and its signing identity, opened on first
/// use (reading key files is I/O) and shared by every request.
/// </summary>
public sealed class FabricConnection : IAsyncDisposable
{
    private readonly FabricOptions _options;
    private readonly ILogger<FabricConnection> _logger;
    private readonly Lazy<Task<(GrpcChannel Channel, Contract Contract)>> _connection;

    public FabricConnection(IOptions<FabricOptions> options, ILogger<FabricConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _connection = new(ConnectAsync);
    }

    /// <summary>The MedChain chaincode on the configured channel.</summary>
    public async Task<Contract> GetContractAsync() => (await _connection.Value.ConfigureAwait(false)).Contract;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            (await _connection.Value.ConfigureAwait(false)).Channel.Dispose();
        }
    }

    private async Task<(GrpcChannel, Contract)> ConnectAsync()
    {
        var channel = await GatewayConnectionFactory.CreateChannelAsync(new GatewayConnectionOptions
        {
            Endpoint = _options.Endpoint,
            TlsRootCertificatePath = _options.TlsRootCertificatePath,
            ServerNameOverride = _options.ServerNameOverride,
        }).ConfigureAwait(false);
        var (identity, signer) = await IdentityFiles.ReadPemFilesAsync(_options.MspId, _options.CertificatePath, _options.PrivateKeyPath).ConfigureAwait(false);
        var gateway = MedChain.FabricClient.Gateway.Connect(identity, signer, channel, new GatewayOptions
        {
            EvaluateTimeout = _options.EvaluateTimeout,
            EndorseTimeout = _options.EndorseTimeout,
            SubmitTimeout = _options.SubmitTimeout,
            CommitStatusTimeout = _options.CommitStatusTimeout,
        });
        GatewayLog.FabricConnected(_logger, _options.Endpoint, _options.MspId, _options.Channel, _options.Chaincode);
        return (channel, gateway.GetNetwork(_options.Channel).GetContract(_options.Chaincode));
    }
}
