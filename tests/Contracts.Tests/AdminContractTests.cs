using MedChain.Contracts.Tests.Infrastructure;
using MedChain.Shim.Testing;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

public sealed class AdminContractTests
{
    private static async Task<TransactionResult> BootstrapAsync(ChaincodeTester tester, TestIdentity who, string request) =>
        await tester.InvokeAsync(new TestClock(T0).Chaincode(), ["Admin:ConfigureOrganizations", request], who, T0, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnyTransaction_BeforeRegistryConfigured_ForbiddenSayingSo()
    {
        var tester = new ChaincodeTester(new InMemoryLedger());

        var result = await tester.InvokeAsync(new TestClock(T0).Chaincode(), ["Prescription:Issue", Requests.Prescription().Json()], Ids.Doctor, T0, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("Admin:ConfigureOrganizations", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureOrganizations_FirstCallByRegulatorService_BootstrapsRegistryAndEmitsEvent()
    {
        var tester = new ChaincodeTester(new InMemoryLedger());

        var result = await BootstrapAsync(tester, Ids.RegulatorService, Ids.RegistryRequest);

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal("OrganizationsConfigured", result.Event?.EventName);
        var registry = Parse(result.Response);
        Assert.Equal(5, registry["organizations"]!.Count());
        Assert.Equal("regulator", (string?)registry["organizations"]!.Single(o => (string?)o["mspId"] == Ids.Regulator)["kind"]);
    }

    [Fact]
    public async Task ConfigureOrganizations_BootstrapByNonServiceRole_Forbidden()
    {
        var tester = new ChaincodeTester(new InMemoryLedger());

        var result = await BootstrapAsync(tester, Ids.RegulatorPerson, Ids.RegistryRequest);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("requires role 'service'", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureOrganizations_AfterBootstrapByHospitalClaimingRegulator_Forbidden()
    {
        var net = await CreateAsync();
        var takeover = """{"organizations":[{"mspId":"Org1MSP","kind":"regulator"}]}""";

        var result = await net.SubmitAsync(Ids.HospitalService, T0.AddMinutes(1), "Admin:ConfigureOrganizations", takeover);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("only the regulator organization", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureOrganizations_ByRegulatorService_ReplacesRegistry()
    {
        var net = await CreateAsync();
        var update = """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"RegulatorMSP","kind":"regulator"}]}""";

        await net.SubmitOkAsync(Ids.RegulatorService, T0.AddMinutes(1), "Admin:ConfigureOrganizations", update);
        var pharmacist = await net.SubmitAsync(Ids.Pharmacist, T0.AddMinutes(2), "RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "0");

        var registry = await net.EvaluateOkAsync(Ids.Doctor, T0.AddMinutes(2), "Admin:GetOrganizations");
        Assert.Equal([Ids.Hospital, Ids.Regulator], registry["organizations"]!.Select(o => (string)o["mspId"]!));
        Assert.Equal(403, pharmacist.Response.Status);
        Assert.Contains("not a registered MedChain member", pharmacist.Response.Message, StringComparison.Ordinal);
    }
}
