using MedChain.FabricClient.Cli.Load;

namespace MedChain.FabricClient.Cli.Tests;

public class LoadReportTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(1, 1)]
    [InlineData(0.5, 1)]
    public void Percentile_HundredValues_NearestRank(double percent, double expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToList();

        Assert.Equal(expected, LoadReport.Percentile(sorted, percent));
    }

    [Fact]
    public void Percentile_FewValues_RoundsRankUp()
    {
        double[] sorted = [10, 20, 30];

        Assert.Equal(20, LoadReport.Percentile(sorted, 50));
        Assert.Equal(30, LoadReport.Percentile(sorted, 99));
    }

    [Fact]
    public void Percentile_Empty_IsZero()
    {
        Assert.Equal(0, LoadReport.Percentile([], 50));
    }

    [Fact]
    public void Create_MergesWorkers()
    {
        var first = new WorkerStats();
        first.RecordSuccess(TimeSpan.FromMilliseconds(4));
        first.RecordSuccess(TimeSpan.FromMilliseconds(2));
        first.RecordError("commit:MvccReadConflict");
        var second = new WorkerStats();
        second.RecordSuccess(TimeSpan.FromMilliseconds(8));
        second.RecordSuccess(TimeSpan.FromMilliseconds(6));
        second.RecordError("commit:MvccReadConflict");
        second.RecordError("rpc:Unavailable");

        var report = LoadReport.Create("submit", "Put", 2, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(70), [first, second]);

        Assert.Equal(4, report.Transactions);
        Assert.Equal(3, report.Errors);
        Assert.Equal(2, report.TransactionsPerSecond);
        Assert.Equal(4, report.LatencyP50Milliseconds);
        Assert.Equal(8, report.LatencyP99Milliseconds);
        // CPU over every attempt, failed ones included: 70 ms / 7.
        Assert.Equal(10, report.ClientCpuMillisecondsPerTransaction);
        Assert.Equal(2, report.ErrorsByKind["commit:MvccReadConflict"]);
        Assert.Equal(1, report.ErrorsByKind["rpc:Unavailable"]);
    }

    [Fact]
    public void Create_NothingRan_ZerosNotNaN()
    {
        var report = LoadReport.Create("evaluate", "Get", 1, TimeSpan.Zero, TimeSpan.Zero, [new WorkerStats()]);

        Assert.Equal(0, report.TransactionsPerSecond);
        Assert.Equal(0, report.ClientCpuMillisecondsPerTransaction);
        Assert.Equal(0, report.LatencyP50Milliseconds);
    }
}
