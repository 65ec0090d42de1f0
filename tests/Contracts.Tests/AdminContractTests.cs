using System.Text.Json.Nodes;
using Hyperledger.Fabric.Protos.Common;
using MedChain.Contracts.Tests.Infrastructure;
using MedChain.Shim.Testing;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>The organization registry: bootstrapped only by init, changed only by a majority.</summary>
public sealed class AdminContractTests
{
    private const string _registryKey = "\0medchain.config\0organizations\0";
    private const string _takeover = """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"RegulatorMSP","kind":"regulator"}]}""";

    [Fact]
    public async Task AnyTransaction_BeforeInit_ForbiddenPointingToInitRegistry()
    {
        var net = CreateEmpty();

        var result = await net.SubmitAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription().Json());

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("Admin:InitRegistry", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureOrganizations_OnEmptyLedger_CannotSeizeTheRegistry()
    {
        var net = CreateEmpty();

        var result = await net.SubmitAsync(Ids.RegulatorService, T0, "Admin:ConfigureOrganizations", Ids.RegistryRequest);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("not bootstrapped", result.Response.Message, StringComparison.Ordinal);
        Assert.Empty(net.Snapshot());
    }

    [Fact]
    public async Task InitRegistry_OutsideTheInitInvocation_Forbidden()
    {
        var net = CreateEmpty();

        var result = await net.SubmitAsync(Ids.RegulatorService, T0, "Admin:InitRegistry", Ids.RegistryRequest);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("only in the chaincode's init invocation", result.Response.Message, StringComparison.Ordinal);
        Assert.Empty(net.Snapshot());
    }

    [Fact]
    public async Task OtherTransaction_InTheInitInvocation_Forbidden()
    {
        var net = CreateEmpty();

        var result = await net.InitAsync(Ids.HospitalService, T0, "Patient:Enroll", Ids.PatientId);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("cannot run in the chaincode's init invocation", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitRegistry_InInit_BootstrapsRegistryEmitsEventAndSetsMajorityPolicyOnTheKey()
    {
        var net = CreateEmpty();

        var result = await net.InitAsync(Ids.RegulatorService, T0, "Admin:InitRegistry", Ids.RegistryRequest);

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal("OrganizationsConfigured", result.Event?.EventName);
        var registry = Parse(result.Response);
        Assert.Equal("regulator", (string?)registry["organizations"]!.Items().Single(o => (string?)o["mspId"] == Ids.Regulator)["kind"]);
        var (n, peers) = Policy(net);
        Assert.Equal(3, n);
        Assert.Equal([Ids.Hospital, Ids.Pharmacy, Ids.Pharmacy2, Ids.Hospital2, Ids.Regulator], peers);
    }

    [Fact]
    public async Task InitRegistry_Twice_ConflictAndRegistryUnchanged()
    {
        var net = await CreateAsync();
        var before = net.Snapshot();

        var result = await net.InitAsync(Ids.HospitalService, T0.AddMinutes(1), "Admin:InitRegistry", _takeover);

        Assert.Equal(409, result.Response.Status);
        Assert.Contains("already bootstrapped", result.Response.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Snapshot());
    }

    /// <summary>No single member, the regulator included, re-classifies anyone: 3 of the 5 members must approve.</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public async Task ConfigureOrganizations_ApprovedInTurn_AppliedOnlyByAMajority(int approvals, bool applied)
    {
        var net = await CreateAsync();
        TestIdentity[] services = [.. new[] { Ids.RegulatorService, Ids.HospitalService, Ids.Hospital2Service }.Take(approvals)];

        var change = await ApproveTakeoverAsync(net, services);

        Assert.Equal(applied, (bool)change["applied"]!);
        Assert.Equal(3, (int)change["required"]!);
        Assert.Equal(services.Select(s => s.MspId).Order(StringComparer.Ordinal), change["approvedBy"]!.Items().Select(m => (string)m!));
        var registry = await net.EvaluateOkAsync(Ids.Doctor, T0.AddMinutes(approvals), "Admin:GetOrganizations");
        Assert.Equal(applied ? 2 : 5, registry["organizations"]!.Items().Count());
    }

    [Fact]
    public async Task ConfigureOrganizations_MajorityApproves_ReplacesRegistryAndItsPolicy()
    {
        var net = await CreateAsync();

        await net.ReconfigureAsync(T0.AddMinutes(1), _takeover);
        var pharmacist = await net.SubmitAsync(Ids.Pharmacist, T0.AddMinutes(2), "RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "0");

        var registry = await net.EvaluateOkAsync(Ids.Doctor, T0.AddMinutes(2), "Admin:GetOrganizations");
        Assert.Equal([Ids.Hospital, Ids.Regulator], registry["organizations"]!.Items().Select(o => (string)o["mspId"]!));
        Assert.Equal(403, pharmacist.Response.Status);
        Assert.Contains("not a registered MedChain member", pharmacist.Response.Message, StringComparison.Ordinal);
        var (n, peers) = Policy(net);
        Assert.Equal(2, n);
        Assert.Equal([Ids.Hospital, Ids.Regulator], peers);
    }

    [Fact]
    public async Task ConfigureOrganizations_WriteEndorsedByAMinority_EndorsementPolicyFailure()
    {
        var net = await CreateAsync();
        await ApproveTakeoverAsync(net, Ids.HospitalService, Ids.Hospital2Service);
        var before = net.Ledger.GetState(net.Tester.ChaincodeName, _registryKey);

        var minority = await net.Tester.InvokeAsync(net.Chaincode, ["Admin:ConfigureOrganizations", _takeover], Ids.RegulatorService, T0.AddMinutes(1), new TransactionOptions { Endorsers = [Ids.Regulator, Ids.Hospital] }, TestContext.Current.CancellationToken);
        var majority = await net.Tester.InvokeAsync(net.Chaincode, ["Admin:ConfigureOrganizations", _takeover], Ids.RegulatorService, T0.AddMinutes(1), new TransactionOptions { Endorsers = [Ids.Regulator, Ids.Hospital, Ids.Pharmacy] }, TestContext.Current.CancellationToken);

        Assert.Equal(PeerPb.TxValidationCode.EndorsementPolicyFailure, minority.ValidationCode);
        Assert.True(majority.IsValid, $"{majority.ValidationCode}");
        Assert.NotEqual(before, net.Ledger.GetState(net.Tester.ChaincodeName, _registryKey));
    }

    [Theory]
    [InlineData("hospital-person")]
    [InlineData("stranger")]
    public async Task ConfigureOrganizations_NotAMembersService_Forbidden(string who)
    {
        var net = await CreateAsync();
        var before = net.Snapshot();

        var result = await net.SubmitAsync(who == "stranger" ? Ids.Stranger : Ids.Doctor, T0.AddMinutes(1), "Admin:ConfigureOrganizations", _takeover);

        Assert.Equal(403, result.Response.Status);
        Assert.Equal(before, net.Snapshot());
    }

    /// <summary>Each service approves the takeover registry, a minute apart; the last approval's answer.</summary>
    private static async Task<JsonObject> ApproveTakeoverAsync(TestNetwork net, params TestIdentity[] services)
    {
        var change = new JsonObject();
        for (var i = 0; i < services.Length; i++)
        {
            change = await net.SubmitOkAsync(services[i], T0.AddMinutes(1 + i), "Admin:ConfigureOrganizations", _takeover);
        }

        return change;
    }

    /// <summary>The registry key's committed endorsement policy: n and the MSP ids of its peer principals.</summary>
    private static (int N, List<string> Peers) Policy(TestNetwork net)
    {
        var bytes = net.Ledger.GetValidationParameter(net.Tester.ChaincodeName, _registryKey);
        Assert.NotNull(bytes);
        var envelope = SignaturePolicyEnvelope.Parser.ParseFrom(bytes);
        Assert.Equal(envelope.Identities.Count, envelope.Rule.NOutOf.Rules.Count);
        var peers = envelope.Identities.Select(i =>
        {
            Assert.Equal(MSPPrincipal.Types.Classification.Role, i.PrincipalClassification);
            var role = MSPRole.Parser.ParseFrom(i.Principal);
            Assert.Equal(MSPRole.Types.MSPRoleType.Peer, role.Role);
            return role.MspIdentifier;
        }).ToList();
        return (envelope.Rule.NOutOf.N, peers);
    }
}
