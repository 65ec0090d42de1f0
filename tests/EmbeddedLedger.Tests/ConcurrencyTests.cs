using MedChain.Contracts;
using MedChain.Shim;
using static MedChain.EmbeddedLedger.Tests.TestNetwork;

namespace MedChain.EmbeddedLedger.Tests;

/// <summary>Transactions endorsed concurrently are validated at commit, in submission order, as a peer does.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Dispense_TwoPharmacistsAtOnce_ExactlyOneCommits_TheOtherIsMvccReadConflict()
    {
        var directory = Path.Combine(Path.GetTempPath(), "medchain-embedded-" + Guid.NewGuid().ToString("N"));
        // Both dispenses finish endorsing before either commits: the race a network allows, made certain.
        var chaincode = new EndorsementBarrier(MedChainChaincode.Create(), "Prescription:Dispense", parties: 2);
        using var peer = EmbeddedPeer.Open(chaincode, new EmbeddedPeerOptions { DataDirectory = directory, CertificateAuthorities = Members.Authorities() }, new ListLogger());
        var ct = TestContext.Current.CancellationToken;
        try
        {
            Assert.True((await peer.InitAsync(Members.RegulatorService, ["Admin:InitRegistry", Members.RegistryRequest], ct)).IsValid);
            Assert.True((await peer.SubmitAsync(Members.HospitalService, ["Patient:Enroll", Members.PatientId], null, ct)).IsValid);
            var (issueArgs, issueContent) = MedChain.Contracts.Tests.Infrastructure.Wire.Split(["Prescription:Issue", Prescription()]);
            var issued = await peer.SubmitAsync(Members.Doctor, issueArgs, issueContent, ct);
            var id = Str(System.Text.Json.Nodes.JsonNode.Parse(issued.Response.Payload)!.AsObject(), "prescriptionId");

            var results = await Task.WhenAll(
                peer.SubmitAsync(Members.Pharmacist, ["Prescription:Dispense", id], null, ct),
                peer.SubmitAsync(Members.Pharmacist2, ["Prescription:Dispense", id], null, ct));

            Assert.All(results, r => Assert.True(r.Response.IsSuccess, r.Response.Message));
            Assert.Single(results, r => r.ValidationCode == PeerPb.TxValidationCode.Valid);
            Assert.Single(results, r => r.ValidationCode == PeerPb.TxValidationCode.MvccReadConflict);
            var history = peer.Ledger.GetAllStates("medchain")
                .SelectMany(s => peer.Ledger.GetHistory("medchain", s.Key))
                .Select(m => m.TxId)
                .ToHashSet(StringComparer.Ordinal);
            Assert.Contains(results.Single(r => r.IsValid).TxId, history);
            Assert.DoesNotContain(results.Single(r => !r.IsValid).TxId, history);
        }
        finally
        {
            peer.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Holds each simulation of <paramref name="function"/> after it ran until <paramref name="parties"/> of them have.</summary>
    private sealed class EndorsementBarrier(IChaincode inner, string function, int parties) : IChaincode
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => inner.InitAsync(stub, cancellationToken);

        public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
        {
            var response = await inner.InvokeAsync(stub, cancellationToken);
            if (stub.GetFunctionAndParameters().Function == function && Interlocked.Increment(ref _arrived) == parties)
            {
                _all.SetResult();
            }

            if (stub.GetFunctionAndParameters().Function == function)
            {
                await _all.Task.WaitAsync(cancellationToken);
            }

            return response;
        }
    }
}
