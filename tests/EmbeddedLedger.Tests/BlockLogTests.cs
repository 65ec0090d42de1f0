using MedChain.EmbeddedLedger.Persistence;
using Microsoft.Extensions.Logging;
using static MedChain.EmbeddedLedger.Tests.TestNetwork;

namespace MedChain.EmbeddedLedger.Tests;

/// <summary>State survives a restart through the block log; a torn last entry is dropped, damage before it refuses.</summary>
public sealed class BlockLogTests
{
    [Fact]
    public async Task Restart_ReplaysState_HistoryAndTransactionIds()
    {
        using var net = await CreateAsync();
        var id = Str(await net.SubmitOkAsync(Members.Doctor, "Prescription:Issue", Prescription()), "prescriptionId");
        var dispensed = await net.SubmitAsync(Members.Pharmacist, "Prescription:Dispense", id);
        var states = net.Peer.Ledger.GetAllStates("medchain");
        var height = net.Peer.Ledger.Height;

        net.Restart();

        Assert.Equal(height, net.Peer.Ledger.Height);
        Assert.Equal(states.Select(s => (s.Key, Convert.ToHexString(s.Value))), net.Peer.Ledger.GetAllStates("medchain").Select(s => (s.Key, Convert.ToHexString(s.Value))));
        Assert.True(net.Peer.Ledger.ContainsTransaction(dispensed.TxId));
        var again = await net.SubmitAsync(Members.Pharmacist, "Prescription:Dispense", id);
        Assert.False(again.Response.IsSuccess);
        var next = await net.SubmitAsync(Members.Doctor, "Prescription:Issue", Prescription());
        Assert.Equal(height, next.BlockNumber);
    }

    [Fact]
    public async Task ChaincodeEvents_OfValidTransactions_InCommitOrder_AndAfterARestart()
    {
        using var net = await CreateAsync();
        var anchored = await net.SubmitAsync(Members.HospitalService, "RecordAnchor:Anchor", Anchor());
        var refused = await net.SubmitAsync(Members.HospitalService, "RecordAnchor:Anchor", Anchor());
        var granted = await net.SubmitAsync(Members.Patient, "Consent:Grant", Consent(Members.Hospital2));

        var events = net.Peer.GetChaincodeEvents(anchored.BlockNumber!.Value);
        net.Restart();
        var replayed = net.Peer.GetChaincodeEvents(anchored.BlockNumber.Value);

        Assert.Null(refused.ValidationCode);
        Assert.Equal([(anchored.TxId, "RecordAnchored"), (granted.TxId, "ConsentGranted")], events.Select(e => (e.TransactionId, e.EventName)));
        Assert.Equal([anchored.BlockNumber.Value, granted.BlockNumber!.Value], events.Select(e => e.BlockNumber));
        Assert.Equal(events.Select(e => (e.BlockNumber, e.TransactionId, e.EventName, Convert.ToHexString(e.Payload))), replayed.Select(e => (e.BlockNumber, e.TransactionId, e.EventName, Convert.ToHexString(e.Payload))));
        Assert.Empty(net.Peer.GetChaincodeEvents(granted.BlockNumber.Value + 1));
    }

    [Fact]
    public async Task Restart_AfterATornLastEntry_DropsItAndLogsIt_AndTheLedgerGoesOn()
    {
        using var net = await CreateAsync();
        var lengthBefore = new FileInfo(net.LogPath).Length;
        var heightBefore = net.Peer.Ledger.Height;
        var lost = await net.SubmitAsync(Members.Doctor, "Prescription:Issue", Prescription());
        Assert.True(lost.IsValid);
        net.Peer.Dispose();
        // A crash while appending: the last entry reached the disk only in part.
        using (var file = new FileStream(net.LogPath, FileMode.Open))
        {
            file.SetLength(file.Length - 7);
        }

        net.Restart();

        Assert.Equal(heightBefore, net.Peer.Ledger.Height);
        Assert.False(net.Peer.Ledger.ContainsTransaction(lost.TxId));
        Assert.Equal(lengthBefore, new FileInfo(net.LogPath).Length);
        Assert.Contains(net.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Dropped the last entry", StringComparison.Ordinal));
        var next = await net.SubmitAsync(Members.Doctor, "Prescription:Issue", Prescription());
        Assert.True(next.IsValid);
        net.Restart();
        Assert.True(net.Peer.Ledger.ContainsTransaction(next.TxId));
    }

    [Theory]
    [InlineData("header")]
    [InlineData("checksum")]
    [InlineData("zeros")]
    public async Task Restart_AfterADamagedLastEntry_DropsIt(string damage)
    {
        using var net = await CreateAsync();
        var lengthBefore = new FileInfo(net.LogPath).Length;
        var heightBefore = net.Peer.Ledger.Height;
        await net.SubmitOkAsync(Members.Doctor, "Prescription:Issue", Prescription());
        net.Peer.Dispose();
        using (var file = new FileStream(net.LogPath, FileMode.Open))
        {
            switch (damage)
            {
                case "header":
                    // Only part of the header made it.
                    file.SetLength(lengthBefore + (BlockLog.HeaderSize / 2));
                    break;
                case "checksum":
                    file.Seek(-1, SeekOrigin.End);
                    var last = file.ReadByte();
                    file.Seek(-1, SeekOrigin.End);
                    file.WriteByte((byte)(last ^ 0x01));
                    break;
                default:
                    // The file grew but the entry's bytes never arrived.
                    file.SetLength(lengthBefore);
                    file.Seek(0, SeekOrigin.End);
                    file.Write(new byte[4096]);
                    break;
            }
        }

        net.Restart();

        Assert.Equal(heightBefore, net.Peer.Ledger.Height);
        Assert.Equal(lengthBefore, new FileInfo(net.LogPath).Length);
    }

    [Fact]
    public async Task Open_WithADamagedEntryBeforeTheLast_RefusesWithTheOffset()
    {
        using var net = await CreateAsync();
        await net.SubmitOkAsync(Members.Doctor, "Prescription:Issue", Prescription());
        var lengthBefore = new FileInfo(net.LogPath).Length;
        net.Peer.Dispose();
        using (var file = new FileStream(net.LogPath, FileMode.Open))
        {
            // A byte inside the first entry's payload.
            file.Seek(BlockLog.HeaderSize + 10, SeekOrigin.Begin);
            var b = file.ReadByte();
            file.Seek(BlockLog.HeaderSize + 10, SeekOrigin.Begin);
            file.WriteByte((byte)(b ^ 0x20));
        }

        var refused = Assert.Throws<BlockLogCorruptException>(() => Open(net.Directory, net.Log));

        Assert.Equal(0, refused.Offset);
        Assert.Contains("whole entries follow", refused.Message, StringComparison.Ordinal);
        Assert.Equal(lengthBefore, new FileInfo(net.LogPath).Length);
    }
}
