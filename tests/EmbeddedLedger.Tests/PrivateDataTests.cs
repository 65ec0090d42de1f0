using System.Text;
using MedChain.Shim;

namespace MedChain.EmbeddedLedger.Tests;

/// <summary>Private data and transient data on the embedded peer, which holds every collection, for any chaincode.</summary>
public sealed class PrivateDataTests
{
    [Fact]
    public async Task PrivateData_FromTheTransientMap_IsReadBackByAnyOrganization_StaysOutOfTheBlock_AndSurvivesARestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "medchain-embedded-" + Guid.NewGuid().ToString("N"));
        var options = new EmbeddedPeerOptions { DataDirectory = directory, ChaincodeName = "notes", CertificateAuthorities = Members.Authorities() };
        var ct = TestContext.Current.CancellationToken;
        var transient = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["note"] = Encoding.UTF8.GetBytes("allergic to penicillin") };
        try
        {
            TransactionResult put;
            using (var peer = EmbeddedPeer.Open(new PrivateNotes(), options, new ListLogger()))
            {
                put = await peer.SubmitAsync(Members.Doctor, ["Put", "n1"], transient, ct);
                // The pharmacy's member reads it: the one node holds the hospital's collection too.
                var read = await peer.EvaluateAsync(Members.Pharmacist, ["Get", "n1"], null, ct);

                Assert.True(put.IsValid, put.Response.Message);
                Assert.Equal("allergic to penicillin", Encoding.UTF8.GetString(read.Payload));
                Assert.Empty(put.OnChain!.Find("allergic"));
            }

            using (var reopened = EmbeddedPeer.Open(new PrivateNotes(), options, new ListLogger()))
            {
                var read = await reopened.EvaluateAsync(Members.Doctor, ["Get", "n1"], null, ct);
                var missing = await reopened.EvaluateAsync(Members.Doctor, ["Get", "n2"], null, ct);

                Assert.Equal("allergic to penicillin", Encoding.UTF8.GetString(read.Payload));
                Assert.Equal(404, missing.Status);
                Assert.NotNull(reopened.Ledger.GetPrivateDataHash("notes", "_implicit_org_Org1MSP", "n1"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Keeps a note per key in the hospital's implicit collection; the note comes in the transient map.</summary>
    private sealed class PrivateNotes : IChaincode
    {
        private const string _collection = "_implicit_org_Org1MSP";

        public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => Task.FromResult(ChaincodeResponse.Success());

        public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
        {
            var (function, parameters) = stub.GetFunctionAndParameters();
            if (function == "Put")
            {
                await stub.PutPrivateDataAsync(_collection, parameters[0], stub.TransientMap["note"], cancellationToken);
                return ChaincodeResponse.Success();
            }

            var note = await stub.GetPrivateDataAsync(_collection, parameters[0], cancellationToken);
            return note is null ? ChaincodeResponse.Error("no such note", 404) : ChaincodeResponse.Success(note);
        }
    }
}
