using Microsoft.Extensions.Logging;

namespace MedChain.EmbeddedLedger;

/// <summary>The embedded ledger's log messages.</summary>
internal static partial class EmbeddedLedgerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Dropped the last entry of block log {Path} at byte {Offset} ({Bytes} bytes): {Reason}; it was never applied (a crash while appending)")]
    public static partial void TornEntryDropped(ILogger logger, string path, long offset, long bytes, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Embedded ledger of channel {Channel} opened from {Path}: {Blocks} blocks replayed")]
    public static partial void Opened(ILogger logger, string channel, string path, ulong blocks);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The embedded ledger could not write block {Block} to its log; it accepts no more transactions until restarted")]
    public static partial void AppendFailed(ILogger logger, ulong block, Exception exception);
}
