using MedChain.FabricClient.Cli.Load;

namespace MedChain.FabricClient.Cli.Tests;

public class ArgumentPatternTests
{
    [Fact]
    public void Expand_Placeholders_ReplacedPerTransactionAndWorker()
    {
        var pattern = ArgumentPattern.Parse(["key-{n}", "value-{n}-w{w}", "seed-{n%1000}", "plain"]);

        Assert.Equal(["key-7", "value-7-w3", "seed-7", "plain"], pattern.Expand(7, 3));
        Assert.Equal(["key-1234", "value-1234-w0", "seed-234", "plain"], pattern.Expand(1234, 0));
    }

    [Fact]
    public void Expand_DoubledBraces_AreLiteral()
    {
        var pattern = ArgumentPattern.Parse(["{{\"id\":\"{n}\"}}"]);

        Assert.Equal(["{\"id\":\"5\"}"], pattern.Expand(5, 0));
    }

    [Fact]
    public void Expand_NoArguments_Empty()
    {
        var pattern = ArgumentPattern.Parse([]);

        Assert.Equal(0, pattern.Count);
        Assert.Empty(pattern.Expand(1, 1));
    }

    [Theory]
    [InlineData("key-{x}")]
    [InlineData("key-{n")]
    [InlineData("key-}")]
    [InlineData("key-{n%0}")]
    [InlineData("key-{n%-3}")]
    [InlineData("key-{n%}")]
    [InlineData("key-{}")]
    public void Parse_BadPlaceholder_Throws(string argument)
    {
        Assert.Throws<ArgumentException>(() => ArgumentPattern.Parse([argument]));
    }
}
