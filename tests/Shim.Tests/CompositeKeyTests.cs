using System.Text;

namespace MedChain.Shim.Tests;

public sealed class CompositeKeyTests
{
    // Hex of the UTF-8 bytes Fabric's Go shim produces for the same inputs.
    public static TheoryData<string, string[], string> Encodings => new()
    {
        { "Asset", [], "00417373657400" },
        { "Asset", ["a", "b"], "0041737365740061006200" },
        { "", ["x"], "00007800" },
        { "T", [""], "00540000" },
        { "Ü", ["€", "😀"], "00c39c00e282ac00f09f988000" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Create_Parts_EncodesAsFabric(string objectType, string[] attributes, string expectedHex)
    {
        var key = CompositeKey.Create(objectType, attributes);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key)));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Split_CreatedKey_GivesPartsBack(string objectType, string[] attributes, string expectedHex)
    {
        var (type, parts) = CompositeKey.Split(Encoding.UTF8.GetString(Convert.FromHexString(expectedHex)));

        Assert.Equal(objectType, type);
        Assert.Equal(attributes, parts);
    }

    [Fact]
    public void PartialKeyRange_Parts_EndsWithMaxUnicodeRune()
    {
        var (start, end) = CompositeKey.PartialKeyRange("Order", ["h1"]);

        Assert.Equal("004f7264657200683100", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(start)));
        Assert.Equal(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(start)) + "f48fbfbf", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(end)));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\U0010FFFF")]
    [InlineData("x\U0010FFFFy")]
    public void Create_ForbiddenCharacter_Throws(string bad)
    {
        Assert.Throws<ArgumentException>(() => CompositeKey.Create(bad, []));
        Assert.Throws<ArgumentException>(() => CompositeKey.Create("T", ["ok", bad]));
    }

    [Fact]
    public void Create_LoneSurrogate_Throws()
    {
        // Built at run time: test data serialization would replace a lone surrogate with U+FFFD.
        foreach (var bad in new[] { new string('\uD800', 1), "x" + new string('\uDC00', 1) })
        {
            Assert.Throws<ArgumentException>(() => CompositeKey.Create("T", [bad]));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("\u0000T")]
    public void Split_NotCompositeKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => CompositeKey.Split(key));
    }
}
