using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MedChain.OffchainStore.Tests.Infrastructure;

/// <summary>Keeps what is logged, to assert on warnings the store must give.</summary>
internal sealed class LogCollector<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
