using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim.Testing;
using Microsoft.Extensions.Logging;

namespace MedChain.ContractApi.Tests.ContractApi;

public sealed class ContractChaincodeLoggingTests
{
    private sealed class ListLogger : ILogger<ContractChaincode>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }

    [Fact]
    public async Task InvokeAsync_UnexpectedException_LoggedAsErrorWithTheException()
    {
        var logger = new ListLogger();
        var chaincode = new ContractChaincode([new RecordsContract()], logger: logger);

        var result = await new ChaincodeTester(new InMemoryLedger()).InvokeAsync(chaincode, ["Explode"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Contains("records:Explode", error.Message, StringComparison.Ordinal);
        Assert.Contains(result.TxId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ContractException_NotLoggedAsError()
    {
        var logger = new ListLogger();
        var chaincode = new ContractChaincode([new RecordsContract()], logger: logger);

        await new ChaincodeTester(new InMemoryLedger()).InvokeAsync(chaincode, ["ReadPatient", "nobody"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("does not exist", StringComparison.Ordinal));
    }
}
