using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;
using Microsoft.Extensions.Logging;

namespace MedChain.Grpc.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task GrpcServer_WithLoggerFactory_LogsStartAndHandlerFailures()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        await using var fixture = await ServerFixture.StartAsync(new GrpcServerOptions { LoggerFactory = loggerFactory });

        await Assert.ThrowsAsync<RpcException>(() => fixture.Invoker.UnaryCallAsync(TestService.Fail, new StringValue { Value = "crash" }, ServerFixture.Options()));

        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("listening", StringComparison.Ordinal));
        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    private sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    /// <summary>Keeps every log entry in memory.</summary>
    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new RecordingLogger(Entries);

        public void Dispose()
        {
        }

        private sealed class RecordingLogger(ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
        }
    }
}
