using System.Text;
using System.Text.Json.Nodes;
using MedChain.ContractApi;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>
/// The MedChain chaincode on an in-memory ledger, with the organization registry configured.
/// Transactions are endorsed on a mock stub and committed with MVCC validation, as on a peer.
/// </summary>
internal sealed class TestNetwork
{
    /// <summary>Transaction time of the setup; tests move on from here.</summary>
    public static readonly DateTimeOffset T0 = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private TestNetwork()
    {
        Ledger = new InMemoryLedger();
        Tester = new ChaincodeTester(Ledger);

        // As network/config/collections/medchain.json, with the test world's hospitals and pharmacies
        // as members (the regulator has no peer).
        Ledger.DefineCollection(Tester.ChaincodeName, new CollectionDefinition("hospitalPharmacy", [Ids.Hospital, Ids.Pharmacy, Ids.Pharmacy2, Ids.Hospital2])
        {
            MemberOnlyRead = true,
            MemberOnlyWrite = true,
            RequiredPeerCount = 1,
        });
        Chaincode = Clock.Chaincode(TestClientIdentity.FromStub);
    }

    /// <summary>The endorsers' clock: it follows each transaction's time unless a test pins it.</summary>
    public TestClock Clock { get; } = new(T0);

    public InMemoryLedger Ledger { get; }

    public ChaincodeTester Tester { get; }

    public ContractChaincode Chaincode { get; }

    /// <summary>A network whose chaincode has not been initialized: no registry.</summary>
    public static TestNetwork CreateEmpty() => new();

    public static async Task<TestNetwork> CreateAsync()
    {
        var network = new TestNetwork();
        var init = await network.InitAsync(Ids.RegulatorService, T0, "Admin:InitRegistry", Ids.RegistryRequest);
        Assert.True(init.IsValid, $"Admin:InitRegistry failed: {init.Response.Message}");

        // Patients act only from the organization that enrolled them.
        await network.SubmitOkAsync(Ids.HospitalService, T0, "Patient:Enroll", Ids.PatientId);
        await network.SubmitOkAsync(Ids.HospitalService, T0, "Patient:Enroll", Ids.OtherPatientId);
        await network.SubmitOkAsync(Ids.Hospital2Service, T0, "Patient:Enroll", Ids.Guardian.Attributes["medchain.id"]);
        await network.SubmitOkAsync(Ids.Pharmacist, T0, "Patient:Enroll", Ids.PharmacyPatient.Attributes["medchain.id"]);
        return network;
    }

    /// <summary>The patient's dispensing code used by <see cref="WithDispensingCode"/>.</summary>
    public const string DispensingCode = "K7Q2-M9XW-4RTP-ZB6H";

    /// <summary>Transient data sent with every proposal (null: none).</summary>
    public IReadOnlyDictionary<string, byte[]>? Transient { get; set; }

    /// <summary>Sends <see cref="DispensingCode"/> as transient 'dispensingCode' with every proposal from now on.</summary>
    public TestNetwork WithDispensingCode(string code = DispensingCode)
    {
        Transient = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["dispensingCode"] = Encoding.UTF8.GetBytes(code) };
        return this;
    }

    public Task<TransactionResult> SubmitAsync(TestIdentity who, DateTimeOffset time, params string[] args)
    {
        var (wire, content) = Wire.Split(args);
        return Tester.InvokeAsync(Chaincode, wire, who, At(time), OptionsWith(content), TestContext.Current.CancellationToken);
    }

    /// <summary>Submits the chaincode's init invocation (peer chaincode invoke --isInit).</summary>
    public Task<TransactionResult> InitAsync(TestIdentity who, DateTimeOffset time, params string[] args) =>
        Tester.InvokeAsync(Chaincode, args, who, At(time), new TransactionOptions { IsInit = true }, TestContext.Current.CancellationToken);

    /// <summary>Replaces the registry the only way there is: a majority (3 of the 5 members) approves it.</summary>
    public async Task<JsonObject> ReconfigureAsync(DateTimeOffset time, string request)
    {
        await SubmitOkAsync(Ids.HospitalService, time, "Admin:ConfigureOrganizations", request);
        await SubmitOkAsync(Ids.Hospital2Service, time, "Admin:ConfigureOrganizations", request);
        var last = await SubmitOkAsync(Ids.RegulatorService, time, "Admin:ConfigureOrganizations", request);
        Assert.True((bool)last["applied"]!, "the third approval of five members should apply the registry");
        return last;
    }

    public Task<SimulatedTransaction> SimulateAsync(TestIdentity who, DateTimeOffset time, params string[] args)
    {
        var (wire, content) = Wire.Split(args);
        return Tester.SimulateAsync(Chaincode, wire, who, At(time), OptionsWith(content), TestContext.Current.CancellationToken);
    }

    public Task<ChaincodeResponse> EvaluateAsync(TestIdentity who, DateTimeOffset time, params string[] args) =>
        Tester.EvaluateAsync(Chaincode, args, who, At(time), Options, TestContext.Current.CancellationToken);

    /// <summary>Evaluates on the peer of <paramref name="peerMspId"/> (Fabric's Gateway may pick any peer).</summary>
    public Task<ChaincodeResponse> EvaluateOnAsync(string peerMspId, TestIdentity who, DateTimeOffset time, params string[] args) =>
        Tester.EvaluateAsync(Chaincode, args, who, At(time), new TransactionOptions { TransientMap = Transient, PeerMspId = peerMspId }, TestContext.Current.CancellationToken);

    private TransactionOptions? Options => Transient is null ? null : new TransactionOptions { TransientMap = Transient };

    private TransactionOptions? OptionsWith(Dictionary<string, byte[]>? content) =>
        Wire.Merge(Transient, content) is { } transient ? new TransactionOptions { TransientMap = transient } : null;

    /// <summary>Moves the endorsers' clock to the proposal's time (a pinned clock stays put) and returns that time.</summary>
    private DateTimeOffset At(DateTimeOffset time)
    {
        Clock.Now = time;
        return time;
    }

    /// <summary>Submits and asserts the transaction committed as valid; returns its JSON result.</summary>
    public async Task<JsonObject> SubmitOkAsync(TestIdentity who, DateTimeOffset time, params string[] args)
    {
        var result = await SubmitAsync(who, time, args);
        Assert.True(result.Response.IsSuccess, $"{args[0]} failed: {result.Response.Message}");
        Assert.True(result.IsValid, $"{args[0]} committed as {result.ValidationCode}");
        return Parse(result.Response);
    }

    /// <summary>Evaluates and asserts success; returns its JSON result.</summary>
    public async Task<JsonNode> EvaluateOkAsync(TestIdentity who, DateTimeOffset time, params string[] args)
    {
        var response = await EvaluateAsync(who, time, args);
        Assert.True(response.IsSuccess, $"{args[0]} failed: {response.Message}");
        return JsonNode.Parse(Encoding.UTF8.GetString(response.Payload))!;
    }

    /// <summary>Every committed key and value, for before/after comparisons.</summary>
    public string Snapshot() =>
        string.Join('\n', Ledger.GetAllStates(Tester.ChaincodeName).Select(kv => $"{kv.Key.Replace('\0', '|')}={Convert.ToHexString(kv.Value)}"));

    public static JsonObject Parse(ChaincodeResponse response) => JsonNode.Parse(Encoding.UTF8.GetString(response.Payload))!.AsObject();
}
