using System.Globalization;
using System.Text;

namespace MedChain.Shim.Tests;

/// <summary>A chaincode whose functions each exercise one stub call and report what they saw as text.</summary>
internal sealed class ProbeChaincode : IChaincode
{
    /// <summary>"wait" blocks until this completes.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a "wait" call has started.</summary>
    public TaskCompletionSource WaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What a "hold" call threw when its stream ended.</summary>
    public TaskCompletionSource<Exception> HoldFailure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last stub served (for identity checks).</summary>
    public IChaincodeStub? LastStub { get; private set; }

    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        var (function, _) = stub.GetFunctionAndParameters();
        return Task.FromResult(function == "badinit" ? ChaincodeResponse.Error("init refused") : ChaincodeResponse.Success(Encoding.UTF8.GetBytes("initialized")));
    }

    public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        LastStub = stub;
        var (function, parameters) = stub.GetFunctionAndParameters();
        var p = parameters.ToArray();
        var ct = cancellationToken;
        switch (function)
        {
            case "put":
                await stub.PutStateAsync(p[0], Bytes(p[1]), ct);
                return Ok(string.Empty);
            case "get":
                return Ok(Text(await stub.GetStateAsync(p[0], ct)));
            case "putget":
                await stub.PutStateAsync(p[0], Bytes(p[1]), ct);
                return Ok(Text(await stub.GetStateAsync(p[0], ct)));
            case "del":
                await stub.DelStateAsync(p[0], ct);
                return Ok(string.Empty);
            case "range":
                return Ok(await ReadAsync(await stub.GetStateByRangeAsync(p[0], p[1], ct)));
            case "rangePage":
                return Ok(await PageAsync(await stub.GetStateByRangeWithPaginationAsync(p[0], p[1], int.Parse(p[2], CultureInfo.InvariantCulture), p[3], ct)));
            case "partial":
                return Ok(await ReadAsync(await stub.GetStateByPartialCompositeKeyAsync(p[0], p[1..], ct)));
            case "partialPage":
                return Ok(await PageAsync(await stub.GetStateByPartialCompositeKeyWithPaginationAsync(p[0], p[3..], int.Parse(p[1], CultureInfo.InvariantCulture), p[2], ct)));
            case "composite":
                await stub.PutStateAsync(stub.CreateCompositeKey(p[0], p[1..^1]), Bytes(p[^1]), ct);
                return Ok(string.Empty);
            case "query":
                return Ok(await ReadAsync(await stub.GetQueryResultAsync(p[0], ct)));
            case "queryPage":
                return Ok(await PageAsync(await stub.GetQueryResultWithPaginationAsync(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), p[2], ct)));
            case "firstOnly":
                {
                    // Reads one result and disposes: the iterator must be closed on the peer.
                    await using var iterator = await stub.GetStateByRangeAsync(p[0], p[1], ct);
                    await foreach (var kv in iterator.WithCancellation(ct))
                    {
                        return Ok(kv.Key);
                    }

                    return Ok(string.Empty);
                }

            case "history":
                {
                    await using var iterator = await stub.GetHistoryForKeyAsync(p[0], ct);
                    var lines = new List<string>();
                    await foreach (var m in iterator.WithCancellation(ct))
                    {
                        lines.Add($"{m.TxId}:{Text(m.Value)}:{m.IsDelete}:{m.Timestamp:O}");
                    }

                    return Ok(string.Join(";", lines));
                }

            case "ppriv":
                await stub.PutPrivateDataAsync(p[0], p[1], Bytes(p[2]), ct);
                return Ok(string.Empty);
            case "gpriv":
                return Ok(Text(await stub.GetPrivateDataAsync(p[0], p[1], ct)));
            case "hpriv":
                return Ok(await stub.GetPrivateDataHashAsync(p[0], p[1], ct) is { } hash ? Convert.ToHexStringLower(hash) : "<nil>");
            case "dpriv":
                await stub.DelPrivateDataAsync(p[0], p[1], ct);
                return Ok(string.Empty);
            case "xpriv":
                await stub.PurgePrivateDataAsync(p[0], p[1], ct);
                return Ok(string.Empty);
            case "rpriv":
                return Ok(await ReadAsync(await stub.GetPrivateDataByRangeAsync(p[0], p[1], p[2], ct)));
            case "cpriv":
                return Ok(await ReadAsync(await stub.GetPrivateDataByPartialCompositeKeyAsync(p[0], p[1], p[2..], ct)));
            case "setep":
                await stub.SetStateValidationParameterAsync(p[0], Bytes(p[1]), ct);
                return Ok(Text(await stub.GetStateValidationParameterAsync(p[0], ct)));
            case "getep":
                return Ok(Text(await stub.GetStateValidationParameterAsync(p[0], ct)));
            case "setpep":
                await stub.SetPrivateDataValidationParameterAsync(p[0], p[1], Bytes(p[2]), ct);
                return Ok(Text(await stub.GetPrivateDataValidationParameterAsync(p[0], p[1], ct)));
            case "event":
                stub.SetEvent(p[0], Bytes(p[1]));
                return Ok(string.Empty);
            case "invoke":
                {
                    var response = await stub.InvokeChaincodeAsync(p[0], p[2..].Select(Bytes).ToArray(), p[1], ct);
                    return Ok($"{response.Status}|{response.Message}|{Text(response.Payload)}");
                }

            case "ctx":
                return Ok(string.Join("|", stub.TxId, stub.ChannelId, stub.TxTimestamp.ToString("O", CultureInfo.InvariantCulture), Convert.ToHexStringLower(stub.Binding), string.Join(",", stub.TransientMap.Select(t => t.Key + "=" + Text(t.Value))), stub.Creator.Length.ToString(CultureInfo.InvariantCulture)));
            case "identity":
                {
                    var identity = ClientIdentity.FromStub(stub);
                    return Ok($"{identity.MspId}|{identity.Id}|{identity.GetAttributeValue("role")}");
                }

            case "fail":
                return ChaincodeResponse.Error(p[0]);
            case "throw":
                throw new InvalidOperationException(p[0]);
            case "wait":
                WaitStarted.TrySetResult();
                await Gate.Task.WaitAsync(ct);
                return Ok("released");
            case "hold":
                try
                {
                    await stub.GetStateAsync(p[0], ct);
                    return Ok("answered");
                }
                catch (Exception ex)
                {
                    HoldFailure.TrySetResult(ex);
                    throw;
                }

            default:
                return ChaincodeResponse.Error($"unknown function {function}");
        }
    }

    private static ChaincodeResponse Ok(string text) => ChaincodeResponse.Success(Bytes(text));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? bytes) => bytes is null ? "<nil>" : Encoding.UTF8.GetString(bytes);

    private static async Task<string> ReadAsync(IQueryResultsIterator<KeyValue> iterator)
    {
        await using (iterator)
        {
            var lines = new List<string>();
            await foreach (var kv in iterator)
            {
                lines.Add($"{kv.Key.Replace('\0', '.')}={Text(kv.Value)}");
            }

            return string.Join(";", lines);
        }
    }

    private static async Task<string> PageAsync(PagedQueryResult<KeyValue> page) =>
        $"{await ReadAsync(page.Iterator)}|{page.Metadata.FetchedRecordsCount}|{page.Metadata.Bookmark.Replace('\0', '.')}";
}
