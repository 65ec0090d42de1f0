using System.Text;
using MedChain.Shim;

namespace MedChain.Samples.KeyValue;

/// <summary>
/// The shim's smallest chaincode: <c>["Put","k","v"]</c> writes a key, <c>["Get","k"]</c> reads it.
/// The same two functions as the Go and Node samples it is compared with.
/// </summary>
public sealed class KeyValueChaincode : IChaincode
{
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) =>
        Task.FromResult(ChaincodeResponse.Success());

    public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        var (function, parameters) = stub.GetFunctionAndParameters();
        switch (function)
        {
            case "Put" when parameters.Count == 2:
                await stub.PutStateAsync(parameters[0], Encoding.UTF8.GetBytes(parameters[1]), cancellationToken).ConfigureAwait(false);
                return ChaincodeResponse.Success();
            case "Put":
                return ChaincodeResponse.Error("Put takes 2 arguments: key, value");
            case "Get" when parameters.Count == 1:
                var value = await stub.GetStateAsync(parameters[0], cancellationToken).ConfigureAwait(false);
                return value is null ? ChaincodeResponse.Error($"key not found: {parameters[0]}") : ChaincodeResponse.Success(value);
            case "Get":
                return ChaincodeResponse.Error("Get takes 1 argument: key");
            default:
                return ChaincodeResponse.Error($"unknown function: {function}");
        }
    }
}
