using MedChain.ContractApi;
using MedChain.Samples.KeyValueContract;
using MedChain.Shim;

// Chaincode-as-a-service, configured like the plain KeyValue sample: CHAINCODE_SERVER_ADDRESS,
// CORE_CHAINCODE_ID_NAME (or CHAINCODE_ID) and optionally CHAINCODE_TLS_*.
try
{
    await ChaincodeServer.RunAsync(new ContractChaincode(new KeyValueContract()), CancellationToken.None).ConfigureAwait(false);
    return 0;
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}
