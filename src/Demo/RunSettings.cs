using System.Text.Json;

namespace MedChain.Demo;

/// <summary>What `make run` started, as it wrote it to <c>.run/run.json</c> (network/services.sh).</summary>
public sealed record RunSettings(string LedgerMode, RunServices Services, RunTokens Tokens, RunStorage Storage)
{
    public static RunSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: start MedChain with make run first.", path);
        }

        return JsonSerializer.Deserialize<RunSettings>(File.ReadAllText(path), DemoClient.Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    public RunService Service(DemoOrg org) => org switch
    {
        DemoOrg.Hospital => Services.Hospital,
        DemoOrg.Pharmacy => Services.Pharmacy,
        _ => Services.Regulator,
    };
}

public sealed record RunServices(RunService Hospital, RunService Pharmacy, RunService Regulator);

public sealed record RunService(Uri Url, string MspId);

public sealed record RunTokens(string Issuer, string Audience, string SigningKeyPath);

public sealed record RunStorage(Uri ServiceUri, string AccountName, string AccountKey, string RecordsContainer);
