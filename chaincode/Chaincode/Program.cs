using MedChain.Contracts;
using MedChain.Shim;

// The MedChain contracts as chaincode-as-a-service. Settings come from the environment, as
// fabric-samples' deployCCAAS passes them: CHAINCODE_SERVER_ADDRESS, CORE_CHAINCODE_ID_NAME (or
// CHAINCODE_ID), and CHAINCODE_TLS_DISABLED / CHAINCODE_TLS_KEY / CHAINCODE_TLS_CERT / CHAINCODE_CLIENT_CA_CERT.
try
{
    await ChaincodeServer.RunAsync(MedChainChaincode.Create(), CancellationToken.None).ConfigureAwait(false);
    return 0;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}
