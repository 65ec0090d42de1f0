using MedChain.ContractRoles;
using MedChain.Contracts.Tests.Infrastructure;

namespace MedChain.Contracts.Tests;

/// <summary>Each transaction called in each role (<see cref="RoleTable"/>): allowed roles succeed, every other gets 403.</summary>
public sealed class RoleTableTests
{
    public static TheoryData<string, string, bool> Table()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (function, role, allowed) in RoleTable.Cells())
        {
            data.Add(function, role, allowed);
        }

        return data;
    }

    [Fact]
    public void Table_CoversEveryOperationWithArgumentsAndEveryRoleWithAnIdentity()
    {
        Assert.Equal(RoleTable.Operations.Select(o => o.Function).Order(StringComparer.Ordinal), Operations.Args.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RoleTable.Roles.Order(StringComparer.Ordinal), Ids.ByRole.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Transaction_CalledInRole_AllowedOrForbidden(string function, string role, bool allowed)
    {
        var scenario = await Scenario.CreateAsync();
        var args = Operations.Args[function](scenario);

        var tx = await scenario.Net.SimulateAsync(Ids.ByRole[role], Scenario.Now, [function, .. args]);

        if (allowed)
        {
            Assert.True(tx.Response.IsSuccess, $"{role} should be allowed {function}: {tx.Response.Message}");
        }
        else
        {
            Assert.Equal(403, tx.Response.Status);
            Assert.StartsWith("forbidden: ", tx.Response.Message, StringComparison.Ordinal);
            Assert.Empty(tx.WriteSet);
        }
    }

    public static TheoryData<string, string, string> RefusedWithBadInput()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (function, role) in RoleTable.RefusedWhateverTheInput())
        {
            data.Add(function, role, "malformed arguments");
            data.Add(function, role, "no arguments");
        }

        return data;
    }

    [Fact]
    public void Table_RefusesSomeRolesWhateverTheInputInEveryContract()
    {
        var contracts = RoleTable.RefusedWhateverTheInput().Select(c => c.Function.Split(':')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["Admin", "Consent", "KeyGrant", "Patient", "Prescription", "RecordAnchor"], contracts.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Where the role decides, it decides before the input is read: an unauthorised caller gets 403,
    /// not a 400 that describes what is wrong with its arguments (or transient data).
    /// </summary>
    [Theory]
    [MemberData(nameof(RefusedWithBadInput))]
    public async Task Transaction_RefusedRoleWithBadInput_ForbiddenBeforeTheInputIsRead(string function, string role, string input)
    {
        var scenario = await Scenario.CreateAsync();
        var valid = Operations.Args[function](scenario);
        string[] args = input == "no arguments" ? [] : [.. valid.Select(_ => "\u0001{")];
        var before = scenario.Net.Snapshot();

        var tx = await scenario.Net.SimulateAsync(Ids.ByRole[role], Scenario.Now, [function, .. args]);

        Assert.Equal(403, tx.Response.Status);
        Assert.StartsWith("forbidden: ", tx.Response.Message, StringComparison.Ordinal);
        Assert.Empty(tx.WriteSet);
        Assert.Equal(before, scenario.Net.Snapshot());
    }

    public static TheoryData<string, string> BadCallers() => new()
    {
        { "unregistered organization", "Org9MSP" },
        { "no medchain.role attribute", "medchain.role" },
        { "pharmacist in a hospital", "not valid in hospital" },
    };

    [Theory]
    [MemberData(nameof(BadCallers))]
    public async Task AnyTransaction_CallerNotResolvable_ForbiddenNamingTheProblem(string caller, string expected)
    {
        var scenario = await Scenario.CreateAsync();
        var identity = caller switch
        {
            "unregistered organization" => Ids.Stranger,
            "no medchain.role attribute" => Ids.NoRole,
            _ => Ids.PharmacistInHospital,
        };

        var tx = await scenario.Net.SimulateAsync(identity, Scenario.Now, "RecordAnchor:Verify", Requests.RecordId, Requests.Sha, "0");

        Assert.Equal(403, tx.Response.Status);
        Assert.Contains(expected, tx.Response.Message, StringComparison.Ordinal);
    }
}
