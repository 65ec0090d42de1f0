using System.Buffers.Text;
using System.Text;
using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>
/// The peer (and the in-memory stub, which behaves like it) starts a paged scan at any bookmark it is
/// given. A patient whose pseudonym sorts after another's must not page into that patient's data.
/// </summary>
public sealed class BookmarkTests
{
    // Ids.OtherPatientId ("pat-fedc…") sorts after Ids.PatientId ("pat-0123…"): the victim's keys lie below the attacker's range.
    public static TheoryData<string, string> Listings() => new()
    {
        { "Consent:ListAccessLog", "accesslog" },
        { "Consent:ListByPatient", "consent" },
        { "Prescription:ListByPatient", "rx-by-patient" },
        { "RecordAnchor:ListByPatient", "anchor-by-patient" },
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task ListOwn_BookmarkPointingAtAnotherPatientsKeys_RefusedWithoutTheirData(string function, string objectType)
    {
        var scenario = await Scenario.CreateAsync();
        await scenario.Net.SubmitOkAsync(Ids.Doctor, T0.AddMinutes(5), "Consent:CheckAccess", Requests.RecordId, "treatment");
        var victimKey = $"\0{objectType}\0{Ids.PatientId}\0";
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(victimKey));

        foreach (var bookmark in (string[])[encoded, victimKey])
        {
            var response = await scenario.Net.EvaluateAsync(Ids.OtherPatient, Scenario.Now, function, Ids.OtherPatientId, "10", bookmark);

            Assert.Equal(400, response.Status);
            Assert.StartsWith("invalid bookmark: ", response.Message, StringComparison.Ordinal);
            Assert.Empty(response.Payload);
        }
    }

    [Fact]
    public async Task ListOwn_VictimBookmarkWithoutTheCheck_WouldLeak()
    {
        // The premise of the test above: the stub, like the peer, serves keys below the range for such a bookmark.
        var scenario = await Scenario.CreateAsync();
        var victimKey = $"\0consent\0{Ids.PatientId}\0";

        var tx = await scenario.Net.Tester.SimulateAsync(new ProbeChaincode(victimKey), [], Ids.OtherPatient, Scenario.Now, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(Ids.PatientId, Encoding.UTF8.GetString(tx.Response.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOwn_BookmarkReturnedByThePreviousPage_ContinuesThere()
    {
        var scenario = await Scenario.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await scenario.Net.SubmitOkAsync(Ids.Doctor, T0.AddMinutes(5 + i), "Consent:CheckAccess", Requests.RecordId, "treatment");
        }

        var first = await scenario.Net.EvaluateOkAsync(Ids.Patient, Scenario.Now, "Consent:ListAccessLog", Ids.PatientId, "2", "");
        var second = await scenario.Net.EvaluateOkAsync(Ids.Patient, Scenario.Now, "Consent:ListAccessLog", Ids.PatientId, "2", (string)first["bookmark"]!);

        Assert.Equal(2, first["items"]!.Items().Count());
        Assert.Single(second["items"].Items());
        Assert.DoesNotContain('\0', (string)first["bookmark"]!);
        Assert.Equal(string.Empty, (string?)second["bookmark"]);
    }

    /// <summary>A chaincode that pages the other patient's consent range from a raw bookmark, unchecked.</summary>
    private sealed class ProbeChaincode(string bookmark) : Shim.IChaincode
    {
        public Task<Shim.ChaincodeResponse> InitAsync(Shim.IChaincodeStub stub, CancellationToken cancellationToken) =>
            Task.FromResult(Shim.ChaincodeResponse.Success());

        public async Task<Shim.ChaincodeResponse> InvokeAsync(Shim.IChaincodeStub stub, CancellationToken cancellationToken)
        {
            var page = await stub.GetStateByPartialCompositeKeyWithPaginationAsync("consent", [Ids.OtherPatientId], 10, bookmark, cancellationToken);
            var keys = new StringBuilder();
            await foreach (var kv in page.Iterator.WithCancellation(cancellationToken))
            {
                keys.Append(kv.Key.Replace('\0', '|')).Append('\n');
            }

            return Shim.ChaincodeResponse.Success(Encoding.UTF8.GetBytes(keys.ToString()));
        }
    }
}
