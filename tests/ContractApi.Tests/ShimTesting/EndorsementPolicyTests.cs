using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ShimTesting;

/// <summary>The in-memory ledger enforces key-level endorsement policies at commit, as the peer's validator does.</summary>
public sealed class EndorsementPolicyTests
{
    private const string _cc = "medchain";
    private readonly InMemoryLedger _ledger = new("clinic");
    private readonly ChaincodeTester _tester;

    public EndorsementPolicyTests()
    {
        _tester = new ChaincodeTester(_ledger, _cc);
        _ledger.Seed(_cc, "k", Support.Utf8("v"));
    }

    /// <summary>Two of Org1MSP, Org2MSP, Org3MSP (peer role).</summary>
    private static byte[] TwoOfThree()
    {
        var envelope = new SignaturePolicyEnvelope { Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 2 } } };
        foreach (var msp in new[] { "Org1MSP", "Org2MSP", "Org3MSP" })
        {
            envelope.Rule.NOutOf.Rules.Add(new SignaturePolicy { SignedBy = envelope.Identities.Count });
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = msp, Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
            });
        }

        return envelope.ToByteArray();
    }

    private async Task<TransactionResult> WriteAsync(IReadOnlyCollection<string>? endorsers, string value, byte[]? policy = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var stub = new MockStub(_ledger, _cc, [], Support.Doctor, Support.Time, new TransactionOptions { Endorsers = endorsers });
        await stub.PutStateAsync("k", Support.Utf8(value), ct);
        if (policy is not null)
        {
            await stub.SetStateValidationParameterAsync("k", policy, ct);
        }

        return _tester.Commit(stub.ToSimulatedTransaction(ChaincodeResponse.Success()));
    }

    [Theory]
    [InlineData("Org1MSP", false)]
    [InlineData("Org1MSP,Org9MSP", false)]
    [InlineData("Org1MSP,Org3MSP", true)]
    [InlineData("Org1MSP,Org2MSP,Org3MSP", true)]
    public async Task WriteOfAPolicyKey_EndorsedBy_ValidOnlyWhenThePolicyIsMet(string endorsers, bool valid)
    {
        Assert.True((await WriteAsync(null, "protected", TwoOfThree())).IsValid);

        var result = await WriteAsync(endorsers.Split(','), "changed");

        Assert.Equal(valid ? PeerPb.TxValidationCode.Valid : PeerPb.TxValidationCode.EndorsementPolicyFailure, result.ValidationCode);
        Assert.Equal(valid ? "changed" : "protected", _ledger.GetState(_cc, "k").Text());
    }

    [Fact]
    public async Task ChangingThePolicy_IsCheckedAgainstTheCommittedPolicy()
    {
        Assert.True((await WriteAsync(null, "protected", TwoOfThree())).IsValid);

        var result = await WriteAsync(["Org1MSP"], "changed", [0x0a]);

        Assert.Equal(PeerPb.TxValidationCode.EndorsementPolicyFailure, result.ValidationCode);
        Assert.Equal(TwoOfThree(), _ledger.GetValidationParameter(_cc, "k"));
    }
}
