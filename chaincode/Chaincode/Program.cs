using MedChain.Contracts;
using MedChain.Shim;

// The MedChain contracts as chaincode-as-a-service. Settings come from the environment, as
// fabric-samples' deployCCAAS passes them: CHAINCODE_SERVER_ADDRESS, CORE_CHAINCODE_ID_NAME (or
// CHAINCODE_ID), and CHAINCODE_TLS_DISABLED / CHAINCODE_TLS_KEY / CHAINCODE_TLS_CERT / CHAINCODE_CLIENT_CA_CERT;
// MEDCHAIN_MAX_CLOCK_SKEW bounds proposal timestamps against this server's clock (default 300 seconds).
try
{
    var options = MedChainOptions.FromEnvironment(Environment.GetEnvironmentVariable);
    await ChaincodeServer.RunAsync(MedChainChaincode.Create(options: options), CancellationToken.None).ConfigureAwait(false);
    return 0;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}
