namespace MedChain.EmbeddedLedger.Internal;

/// <summary>A committed value with its version and key-level endorsement policy.</summary>
internal sealed record LedgerEntry(byte[] Value, LedgerVersion Version, byte[]? ValidationParameter);
