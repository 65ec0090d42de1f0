using MedChain.ContractApi.Tests.Samples;

namespace MedChain.ContractApi.Tests.ContractApi;

public sealed class ContractChaincodeConstructionTests
{
    public sealed class Unnamed : Contract
    {
        [Transaction]
        public static void Do(Context ctx)
        {
        }
    }

    [Contract(Name = "twin")]
    public sealed class TwinA : Contract;

    [Contract(Name = "twin")]
    public sealed class TwinB : Contract;

    [Contract(IsDefault = true)]
    public sealed class DefaultA : Contract;

    [Contract(IsDefault = true)]
    public sealed class DefaultB : Contract;

    public sealed class NoContextParameter : Contract
    {
        [Transaction]
        public static void Do(string value)
        {
        }
    }

    public sealed class DuplicateNames : Contract
    {
        [Transaction(Name = "Do")]
        public static void One(Context ctx)
        {
        }

        [Transaction(Name = "Do")]
        public static void Two(Context ctx)
        {
        }
    }

    public sealed class ColonInName : Contract
    {
        [Transaction(Name = "a:b")]
        public static void Do(Context ctx)
        {
        }
    }

    [Contract(Name = ContractChaincode.SystemContractName)]
    public sealed class Impostor : Contract;

    [Fact]
    public void Contract_WithoutAttribute_NamedAfterClass()
    {
        Assert.Equal("Unnamed", new Unnamed().Name);
    }

    [Fact]
    public void Constructor_NoAttributeMarkedDefault_FirstContractIsDefault()
    {
        Assert.Equal("admin:v2", new ContractChaincode(new AdminContract(), new Unnamed()).DefaultContractName);
    }

    [Fact]
    public void Constructor_ContractMarkedDefault_IsDefaultWhereverListed()
    {
        Assert.Equal("records", new ContractChaincode(new AdminContract(), new RecordsContract()).DefaultContractName);
    }

    [Fact]
    public void Constructor_NoContracts_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractChaincode());
    }

    [Fact]
    public void Constructor_TwoContractsWithOneName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ContractChaincode(new TwinA(), new TwinB()));
        Assert.Contains("twin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoDefaultContracts_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractChaincode(new DefaultA(), new DefaultB()));
    }

    [Fact]
    public void Constructor_TransactionWithoutContext_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ContractChaincode(new NoContextParameter()));
        Assert.Contains("Context", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoTransactionsWithOneName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractChaincode(new DuplicateNames()));
    }

    [Fact]
    public void Constructor_TransactionNameWithColon_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractChaincode(new ColonInName()));
    }

    [Fact]
    public void Constructor_ReservedSystemContractName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractChaincode(new Impostor()));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractChaincode([new Unnamed()], new ContractChaincodeOptions { Version = " " }));
    }

    [Fact]
    public void ContractException_StatusBelow400_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContractException("fine", 200));
    }
}
