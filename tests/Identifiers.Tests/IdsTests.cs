namespace MedChain.Identifiers.Tests;

public sealed class IdsTests
{
    private static readonly string _hex64 = new('a', 64);

    public static TheoryData<IdKind, string> Valid() => new()
    {
        { IdKind.Record, "rec-001" },
        { IdKind.Record, "A" },
        { IdKind.Record, "r" + new string('x', 127) },
        { IdKind.Patient, "pat-0123456789abcdef0123456789abcdef" },
        { IdKind.Patient, "pat-" + new string('f', 64) },
        { IdKind.Person, "dr.alice@org1" },
        { IdKind.Msp, "Org1MSP" },
        { IdKind.RecordType, "lab-result" },
        { IdKind.Prescription, "rx-" + _hex64 },
        { IdKind.Consent, "cns-" + _hex64 },
    };

    public static TheoryData<IdKind, string> Invalid() => new()
    {
        // A trailing newline passed every '$'-anchored check before.
        { IdKind.Record, "rec-001\n" },
        { IdKind.Patient, "pat-0123456789abcdef0123456789abcdef\n" },
        { IdKind.Person, "dr-alice\n" },
        { IdKind.Msp, "Org1MSP\n" },
        { IdKind.RecordType, "lab-result\n" },
        { IdKind.Prescription, "rx-" + _hex64 + "\n" },
        { IdKind.Consent, "cns-" + _hex64 + "\n" },
        { IdKind.Record, "" },
        { IdKind.Record, ".hidden" },
        { IdKind.Record, "rec:001" },
        { IdKind.Record, "rec 001" },
        { IdKind.Record, "r" + new string('x', 128) },
        { IdKind.Record, "réc" },
        { IdKind.Record, "rec\u200b1" },
        { IdKind.Patient, "pat-0123456789ABCDEF0123456789ABCDEF" },
        { IdKind.Patient, "pat-0123456789abcdef" },
        { IdKind.Patient, "john-smith" },
        { IdKind.Person, "-alice" },
        { IdKind.Msp, "Org 1" },
        { IdKind.RecordType, "Lab Result" },
        { IdKind.RecordType, "1-lab" },
        { IdKind.Prescription, "rx-unknown" },
        { IdKind.Prescription, "order-17" },
        { IdKind.Consent, "consent-1" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void IsValid_WellFormed_True(IdKind kind, string value) => Assert.True(Ids.IsValid(kind, value));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void IsValid_Malformed_False(IdKind kind, string value) => Assert.False(Ids.IsValid(kind, value));

    [Fact]
    public void IsValid_Null_False() => Assert.False(Ids.IsValid(IdKind.Record, null));

    [Fact]
    public void Require_Malformed_ThrowsNamingParameterAndGrammar()
    {
        var e = Assert.Throws<ArgumentException>(() => Ids.Require(IdKind.Record, "rec\n", "recordId"));

        Assert.Equal("recordId", e.ParamName);
        Assert.Contains(@"'rec\u000a'", e.Message, StringComparison.Ordinal);
        Assert.Contains(Ids.Describe(IdKind.Record), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_WellFormed_ReturnsValue() => Assert.Equal("rec-1", Ids.Require(IdKind.Record, "rec-1", "recordId"));

    [Theory]
    [InlineData(IdKind.Record)]
    [InlineData(IdKind.Patient)]
    [InlineData(IdKind.Person)]
    [InlineData(IdKind.Msp)]
    [InlineData(IdKind.RecordType)]
    [InlineData(IdKind.Prescription)]
    [InlineData(IdKind.Consent)]
    public void MaxLength_LongestValidValue_FitsAndOneMoreDoesNot(IdKind kind)
    {
        var longest = kind switch
        {
            IdKind.Record => "r" + new string('x', 127),
            IdKind.Patient => "pat-" + new string('0', 64),
            IdKind.Person or IdKind.Msp => "p" + new string('x', 63),
            IdKind.RecordType => "t" + new string('x', 63),
            IdKind.Prescription => "rx-" + _hex64,
            _ => "cns-" + _hex64,
        };

        Assert.Equal(Ids.MaxLength(kind), longest.Length);
        Assert.True(Ids.IsValid(kind, longest));
        Assert.False(Ids.IsValid(kind, longest + "0"));
    }
}
