using System.CommandLine;
using Grpc.Net.Client;

namespace MedChain.FabricClient.Cli;

/// <summary>The options every command shares: where the peer is, who the client is, which chaincode.</summary>
internal sealed class ConnectionOptions
{
    public Option<string> Endpoint { get; } = new("--endpoint") { Description = "Gateway peer address, host:port or https://host:port", Required = true };

    public Option<FileInfo?> TlsCa { get; } = new("--tls-ca") { Description = "PEM file of the peer's TLS root CA (enables TLS)" };

    public Option<string?> ServerName { get; } = new("--server-name") { Description = "Host name expected in the peer's TLS certificate" };

    public Option<FileInfo?> TlsCert { get; } = new("--tls-cert") { Description = "PEM client TLS certificate, for mutual TLS" };

    public Option<FileInfo?> TlsKey { get; } = new("--tls-key") { Description = "PEM key of the client TLS certificate" };

    public Option<string> MspId { get; } = new("--msp-id") { Description = "The client identity's MSP id, e.g. Org1MSP", Required = true };

    public Option<FileInfo?> Cert { get; } = new("--cert") { Description = "PEM certificate of the client identity (with --key)" };

    public Option<FileInfo?> Key { get; } = new("--key") { Description = "PEM private key of the client identity (with --cert)" };

    public Option<DirectoryInfo?> MspDir { get; } = new("--msp-dir") { Description = "MSP folder with signcerts/ and keystore/ (instead of --cert and --key)" };

    public Option<string> Channel { get; } = new("--channel") { Description = "Channel name", Required = true };

    public Option<string> Chaincode { get; } = new("--chaincode") { Description = "Chaincode name", Required = true };

    public void AddTo(Command command)
    {
        command.Add(Endpoint);
        command.Add(TlsCa);
        command.Add(ServerName);
        command.Add(TlsCert);
        command.Add(TlsKey);
        command.Add(MspId);
        command.Add(Cert);
        command.Add(Key);
        command.Add(MspDir);
        command.Add(Channel);
        command.Add(Chaincode);
        command.Validators.Add(result =>
        {
            var hasPair = result.GetResult(Cert) is not null || result.GetResult(Key) is not null;
            var hasDir = result.GetResult(MspDir) is not null;
            if (hasPair == hasDir)
            {
                result.AddError("Give the identity either as --cert and --key, or as --msp-dir.");
            }
            else if (hasPair && (result.GetResult(Cert) is null || result.GetResult(Key) is null))
            {
                result.AddError("--cert and --key go together.");
            }
        });
    }

    /// <summary>Opens the channel and gateway; the caller disposes the returned connection.</summary>
    public async Task<Connection> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var connectionOptions = new GatewayConnectionOptions
        {
            Endpoint = parse.GetRequiredValue(Endpoint),
            TlsRootCertificatePath = parse.GetValue(TlsCa)?.FullName,
            ServerNameOverride = parse.GetValue(ServerName),
            ClientCertificatePath = parse.GetValue(TlsCert)?.FullName,
            ClientKeyPath = parse.GetValue(TlsKey)?.FullName,
        };

        var mspId = parse.GetRequiredValue(MspId);
        var (identity, signer) = parse.GetValue(MspDir) is { } mspDir
            ? await IdentityFiles.ReadMspDirectoryAsync(mspId, mspDir.FullName, cancellationToken).ConfigureAwait(false)
            : await IdentityFiles.ReadPemFilesAsync(mspId, parse.GetRequiredValue(Cert)!.FullName, parse.GetRequiredValue(Key)!.FullName, cancellationToken).ConfigureAwait(false);

        GrpcChannel? channel = null;
        try
        {
            channel = await GatewayConnectionFactory.CreateChannelAsync(connectionOptions, cancellationToken).ConfigureAwait(false);
            var gateway = Gateway.Connect(identity, signer, channel);
            var network = gateway.GetNetwork(parse.GetRequiredValue(Channel));
            return new Connection(channel, signer, network, parse.GetRequiredValue(Chaincode));
        }
        catch
        {
            channel?.Dispose();
            signer.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to one chaincode.</summary>
    internal sealed class Connection(GrpcChannel channel, EcdsaSigner signer, Network network, string chaincodeName) : IDisposable
    {
        public Network Network { get; } = network;

        public string ChaincodeName { get; } = chaincodeName;

        public void Dispose()
        {
            channel.Dispose();
            signer.Dispose();
        }
    }
}
