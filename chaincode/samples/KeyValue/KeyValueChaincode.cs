using System.Text;
using MedChain.Shim;

namespace MedChain.Samples.KeyValue;

/// <summary>
/// The shim's smallest chaincode: <c>["Put","k","v"]</c> writes a key, <c>["Get","k"]</c> reads it.
/// The same two functions as the Go and Node samples it is compared with. Private data:
/// <c>["PutPrivate","collection","k"]</c> writes the transient map's <c>value</c> (so it never enters
/// the block), <c>["GetPrivate","collection","k"]</c> reads it, <c>["GetPrivateHash","collection","k"]</c>
/// gives its SHA-256 in hex, which any peer of the channel has.
/// </summary>
public sealed class KeyValueChaincode : IChaincode
{
    /// <summary>The transient map entry PutPrivate stores.</summary>
    public const string TransientValueKey = "value";

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
            case "PutPrivate" when parameters.Count == 2:
                if (!stub.TransientMap.TryGetValue(TransientValueKey, out var secret) || secret.Length == 0)
                {
                    return ChaincodeResponse.Error($"PutPrivate takes its value from the transient map entry '{TransientValueKey}'");
                }

                await stub.PutPrivateDataAsync(parameters[0], parameters[1], secret, cancellationToken).ConfigureAwait(false);
                return ChaincodeResponse.Success();
            case "GetPrivate" when parameters.Count == 2:
                var privateValue = await stub.GetPrivateDataAsync(parameters[0], parameters[1], cancellationToken).ConfigureAwait(false);
                return privateValue is null ? ChaincodeResponse.Error($"key not found: {parameters[1]}") : ChaincodeResponse.Success(privateValue);
            case "GetPrivateHash" when parameters.Count == 2:
                var hash = await stub.GetPrivateDataHashAsync(parameters[0], parameters[1], cancellationToken).ConfigureAwait(false);
                return hash is null ? ChaincodeResponse.Error($"key not found: {parameters[1]}") : ChaincodeResponse.Success(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(hash)));
            case "PutPrivate" or "GetPrivate" or "GetPrivateHash":
                return ChaincodeResponse.Error($"{function} takes 2 arguments: collection, key");
            default:
                return ChaincodeResponse.Error($"unknown function: {function}");
        }
    }
}
