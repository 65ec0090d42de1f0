using Google.Protobuf;

namespace MedChain.EmbeddedLedger.Server;

/// <summary>
/// Endorsed transactions waiting for the client to submit them, by transaction id, with the envelope payload the
/// client must sign. Bounded: an entry expires after a lifetime, and beyond a capacity the oldest goes, so clients
/// that endorse and never submit cost nothing forever.
/// </summary>
internal sealed class PendingEndorsements(TimeProvider time, TimeSpan lifetime, int capacity, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _order = new();

    /// <summary>How many wait.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="endorsed"/> until submitted (an earlier endorsement of the same id is replaced).</summary>
    public void Add(EndorsedProposal endorsed, ByteString payload)
    {
        ArgumentNullException.ThrowIfNull(endorsed);
        lock (_gate)
        {
            Expire();
            while (_entries.Count >= capacity && _order.TryDequeue(out var oldest))
            {
                if (Remove(oldest))
                {
                    var why = $"more than {capacity} wait";
                    ServerLog.EndorsementDropped(logger, oldest.Endorsed.TxId, why);
                }
            }

            var entry = new Entry(endorsed, payload, time.GetUtcNow() + lifetime);
            _entries[endorsed.TxId] = entry;
            _order.Enqueue(entry);
        }
    }

    /// <summary>Takes the endorsement of <paramref name="txId"/> if <paramref name="payload"/> is the envelope payload endorsed.</summary>
    public TakeResult TryTake(string txId, ByteString payload, out EndorsedProposal? endorsed)
    {
        endorsed = null;
        lock (_gate)
        {
            Expire();
            if (!_entries.TryGetValue(txId, out var entry))
            {
                return TakeResult.Unknown;
            }

            // A changed payload is another transaction under this id: the endorsement stays for the real one.
            if (!entry.Payload.Equals(payload))
            {
                return TakeResult.Differs;
            }

            _entries.Remove(txId);
            endorsed = entry.Endorsed;
            return TakeResult.Taken;
        }
    }

    private void Expire()
    {
        var now = time.GetUtcNow();
        while (_order.TryPeek(out var oldest) && (oldest.ExpiresAt <= now || !IsCurrent(oldest)))
        {
            _order.Dequeue();
            if (Remove(oldest))
            {
                ServerLog.EndorsementDropped(logger, oldest.Endorsed.TxId, "not submitted in time");
            }
        }
    }

    private bool IsCurrent(Entry entry) => _entries.TryGetValue(entry.Endorsed.TxId, out var current) && ReferenceEquals(current, entry);

    private bool Remove(Entry entry) => IsCurrent(entry) && _entries.Remove(entry.Endorsed.TxId);

    private sealed record Entry(EndorsedProposal Endorsed, ByteString Payload, DateTimeOffset ExpiresAt);
}

/// <summary>What <see cref="PendingEndorsements.TryTake"/> found.</summary>
internal enum TakeResult
{
    Taken,
    Unknown,
    Differs,
}
