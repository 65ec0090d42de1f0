using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedChain.Contracts;
using Microsoft.Extensions.Logging;

namespace MedChain.EmbeddedLedger.Tests;

/// <summary>The people of the tests, issued by their organizations' CAs (created once: keys are not free).</summary>
internal static class Members
{
    public const string Hospital = "Org1MSP";
    public const string Pharmacy = "Org2MSP";
    public const string Regulator = "Org3MSP";
    public const string Hospital2 = "Org4MSP";
    public const string PatientId = "pat-0123456789abcdef0123456789abcdef";
    public const string RecordId = "rec-001";
    public const string RecordType = MedChain.Contracts.Tests.Infrastructure.Wire.RecordType;

    public const string RegistryRequest =
        """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"Org2MSP","kind":"pharmacy"},{"mspId":"Org3MSP","kind":"regulator"},{"mspId":"Org4MSP","kind":"hospital"}]}""";

    public static readonly TestCa HospitalCa = new(Hospital);
    public static readonly TestCa PharmacyCa = new(Pharmacy);
    public static readonly TestCa RegulatorCa = new(Regulator);
    public static readonly TestCa Hospital2Ca = new(Hospital2);

    public static readonly TestMember HospitalService = HospitalCa.Issue("gateway", "service");
    public static readonly TestMember Doctor = HospitalCa.Issue("alice", "doctor", "dr-alice");
    public static readonly TestMember Doctor2 = Hospital2Ca.Issue("bob", "doctor", "dr-bob");
    public static readonly TestMember Patient = HospitalCa.Issue("patient", "patient", PatientId);
    public static readonly TestMember Pharmacist = PharmacyCa.Issue("carol", "pharmacist", "ph-carol");
    public static readonly TestMember Pharmacist2 = PharmacyCa.Issue("dan", "pharmacist", "ph-dan");
    public static readonly TestMember RegulatorService = RegulatorCa.Issue("regsvc", "service");

    /// <summary>The channel's MSPs: each organization and its CA.</summary>
    public static Dictionary<string, IReadOnlyList<X509Certificate2>> Authorities() => new(StringComparer.Ordinal)
    {
        [Hospital] = [HospitalCa.Certificate],
        [Pharmacy] = [PharmacyCa.Certificate],
        [Regulator] = [RegulatorCa.Certificate],
        [Hospital2] = [Hospital2Ca.Certificate],
    };
}

/// <summary>An embedded peer running the MedChain chaincode over a block log in a temporary directory.</summary>
internal sealed class TestNetwork : IDisposable
{
    private TestNetwork(string directory)
    {
        Directory = directory;
        Peer = Open(directory, Log);
    }

    public string Directory { get; }

    public EmbeddedPeer Peer { get; private set; }

    public string LogPath => Path.Combine(Directory, "blocks.log");

    public ListLogger Log { get; } = new();

    /// <summary>An empty ledger.</summary>
    public static TestNetwork CreateEmpty()
    {
        var directory = Path.Combine(Path.GetTempPath(), "medchain-embedded-" + Guid.NewGuid().ToString("N"));
        return new TestNetwork(directory);
    }

    /// <summary>A ledger with the organization registry initialized and the patient enrolled at the hospital.</summary>
    public static async Task<TestNetwork> CreateAsync()
    {
        var network = CreateEmpty();
        var init = await network.Peer.InitAsync(Members.RegulatorService, ["Admin:InitRegistry", Members.RegistryRequest], TestContext.Current.CancellationToken);
        Assert.True(init.IsValid, $"Admin:InitRegistry failed: {init.Response.Message}");
        await network.SubmitOkAsync(Members.HospitalService, "Patient:Enroll", Members.PatientId);
        return network;
    }

    public static EmbeddedPeer Open(string directory, ILogger logger) =>
        EmbeddedPeer.Open(MedChainChaincode.Create(), new EmbeddedPeerOptions { DataDirectory = directory, CertificateAuthorities = Members.Authorities() }, logger);

    /// <summary>Closes the peer and opens it again on the same directory (a restart).</summary>
    public void Restart()
    {
        Peer.Dispose();
        Peer = Open(Directory, Log);
    }

    /// <summary>Submits as written, with content moved into the transient map as the service sends it (<c>Wire</c>).</summary>
    public Task<TransactionResult> SubmitAsync(ITransactionCreator who, params string[] args)
    {
        var (wireArgs, transient) = MedChain.Contracts.Tests.Infrastructure.Wire.Split(args);
        return Peer.SubmitAsync(who, wireArgs, transient, TestContext.Current.CancellationToken);
    }

    public async Task<JsonObject> SubmitOkAsync(ITransactionCreator who, params string[] args)
    {
        var result = await SubmitAsync(who, args);
        Assert.True(result.IsValid, $"{args[0]} failed: {result.Response.Status} {result.Response.Message} ({result.ValidationCode})");
        return JsonNode.Parse(result.Response.Payload)!.AsObject();
    }

    public async Task<JsonObject> EvaluateOkAsync(ITransactionCreator who, params string[] args)
    {
        var (wireArgs, transient) = MedChain.Contracts.Tests.Infrastructure.Wire.Split(args);
        var response = await Peer.EvaluateAsync(who, wireArgs, transient, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccess, $"{args[0]} failed: {response.Status} {response.Message}");
        return JsonNode.Parse(response.Payload)!.AsObject();
    }

    public void Dispose()
    {
        Peer.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    public static string Anchor(string recordId = Members.RecordId) => new JsonObject
    {
        ["recordId"] = recordId,
        ["patientId"] = Members.PatientId,
        ["sha256"] = new string('a', 64),
        ["size"] = 1024,
        ["blobRef"] = $"records/{recordId}",
        ["keyId"] = "https://vault.example/keys/k1/v1",
    }.ToJsonString();

    public static string Consent(string grantee) => new JsonObject
    {
        ["patientId"] = Members.PatientId,
        ["grantee"] = new JsonObject { ["mspId"] = grantee },
        ["scope"] = new JsonObject { ["recordTypes"] = new JsonArray(Members.RecordType) },
        ["purpose"] = "treatment",
        ["period"] = new JsonObject { ["end"] = DateTimeOffset.UtcNow.AddDays(30).ToString("o") },
    }.ToJsonString();

    public static string Prescription() => new JsonObject
    {
        ["patientId"] = Members.PatientId,
        ["medication"] = new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "197361", ["display"] = "Amlodipine 5 MG Oral Tablet" },
        ["dosage"] = new JsonObject { ["text"] = "1 tablet daily", ["doseQuantity"] = new JsonObject { ["value"] = 1, ["unit"] = "tablet" }, ["frequency"] = 1, ["period"] = 1, ["periodUnit"] = "d" },
        ["quantity"] = new JsonObject { ["value"] = 30, ["unit"] = "tablet" },
        ["numberOfRepeatsAllowed"] = 0,
        ["validityPeriod"] = new JsonObject { ["end"] = DateTimeOffset.UtcNow.AddDays(30).ToString("o") },
        ["designatedPharmacyMspId"] = Members.Pharmacy,
    }.ToJsonString();

    public static string Str(JsonObject json, string name) => (string)json[name]!;
}

/// <summary>Keeps what was logged, to assert that a dropped entry is reported.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
