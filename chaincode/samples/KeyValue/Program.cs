using MedChain.Samples.KeyValue;
using MedChain.Shim;

// Chaincode-as-a-service: CHAINCODE_SERVER_ADDRESS, CORE_CHAINCODE_ID_NAME (or CHAINCODE_ID) and
// optionally CHAINCODE_TLS_DISABLED / CHAINCODE_TLS_KEY / CHAINCODE_TLS_CERT / CHAINCODE_CLIENT_CA_CERT.
try
{
    await ChaincodeServer.RunAsync(new KeyValueChaincode(), CancellationToken.None).ConfigureAwait(false);
    return 0;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}
