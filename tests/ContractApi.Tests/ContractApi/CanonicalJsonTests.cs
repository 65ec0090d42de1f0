using System.Text.Json;
using MedChain.ContractApi.Tests.Samples;

namespace MedChain.ContractApi.Tests.ContractApi;

public sealed class CanonicalJsonTests
{
    private static readonly JsonSerializerOptions _options = TestJson.Options;

    public sealed class Forward
    {
        public string? Zeta { get; set; }

        public int Alpha { get; set; }

        public Dictionary<string, int> Middle { get; set; } = [];
    }

    public sealed class Backward
    {
        public Dictionary<string, int> Middle { get; set; } = [];

        public int Alpha { get; set; }

        public string? Zeta { get; set; }
    }

    public sealed record Inner(int D, int C);

    public sealed record Item(int Y, Inner B);

    public sealed record Outer(IReadOnlyList<Item> Z, string A);

    public sealed record Priced(decimal Price);

    public sealed class Dated
    {
        public DateTimeOffset At { get; set; }

        public DateTime Local { get; set; }

        public DateTimeOffset? Maybe { get; set; }
    }

    [Fact]
    public void Serialize_SameDataDeclaredInDifferentOrder_SameBytes()
    {
        var a = new Forward { Zeta = "z", Alpha = 1, Middle = new() { ["b"] = 2, ["a"] = 1 } };
        var b = new Backward { Alpha = 1, Zeta = "z", Middle = new() { ["a"] = 1, ["b"] = 2 } };

        Assert.Equal(CanonicalJson.ToBytes(a, _options), CanonicalJson.ToBytes(b, _options));
        Assert.Equal("""{"alpha":1,"middle":{"a":1,"b":2},"zeta":"z"}""", CanonicalJson.Serialize(a, _options));
    }

    [Fact]
    public void Serialize_NestedObjectsInArrays_SortedRecursivelyWithoutWhitespace()
    {
        var value = new Outer([new Item(1, new Inner(1, 2))], "x y");

        Assert.Equal("""{"a":"x y","z":[{"b":{"c":2,"d":1},"y":1}]}""", CanonicalJson.Serialize(value, _options));
    }

    [Fact]
    public void Serialize_DictionaryKeys_KeptAsWrittenAndSortedOrdinally()
    {
        var value = new Dictionary<string, string> { ["b"] = "1", ["B"] = "2", ["Áb"] = "3", ["a"] = "4" };

        Assert.Equal("""{"B":"2","a":"4","b":"1","Áb":"3"}""", CanonicalJson.Serialize(value, _options));
    }

    [Fact]
    public void Serialize_Nulls_LeftOut()
    {
        Assert.Equal("""{"alpha":0,"middle":{}}""", CanonicalJson.Serialize(new Forward(), _options));
        Assert.Equal("null", CanonicalJson.Serialize<Forward?>(null, _options));
    }

    [Fact]
    public void Serialize_Enums_CamelCaseOrEnumMemberValue()
    {
        Assert.Equal("[\"active\",\"onHold\",\"entered-in-error\"]", CanonicalJson.Serialize(new[] { PatientStatus.Active, PatientStatus.OnHold, PatientStatus.EnteredInError }, _options));
    }

    [Fact]
    public void Serialize_Dates_IsoUtcRoundTripFormat()
    {
        var value = new Dated
        {
            At = new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.FromHours(2)),
            Local = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Unspecified),
        };

        Assert.Equal("""{"at":"2026-03-01T08:30:00.0000000Z","local":"2026-03-01T08:00:00.0000000Z"}""", CanonicalJson.Serialize(value, _options));
    }

    [Fact]
    public void Serialize_DecimalsOfEqualValue_SameText()
    {
        Assert.Equal(CanonicalJson.Serialize(new Priced(1.5m), _options), CanonicalJson.Serialize(new Priced(1.500m), _options));
        Assert.Equal("""{"price":1.5}""", CanonicalJson.Serialize(new Priced(1.50m), _options));
        Assert.Equal("[10.0]", CanonicalJson.Serialize(new[] { 10.00m }, _options));
    }

    [Fact]
    public void Serialize_SameValueTwice_IdenticalBytes()
    {
        var patient = new Patient("p1", "Ålice \"Q\"", 3, ["a", "b"], PatientStatus.OnHold, new Address("Oslo", "NO"));

        Assert.Equal(CanonicalJson.ToBytes(patient, _options), CanonicalJson.ToBytes(CanonicalJson.Deserialize<Patient>(CanonicalJson.ToBytes(patient, _options), _options), _options));
    }

    [Fact]
    public void Deserialize_RoundTrip_RestoresRecord()
    {
        var patient = new Patient("p1", "Alice", 3, ["a"], PatientStatus.EnteredInError);

        Assert.Equal(patient.Allergies, CanonicalJson.Deserialize<Patient>(CanonicalJson.Serialize(patient, _options), _options)!.Allergies);
        Assert.Equal(patient with { Allergies = [] }, CanonicalJson.Deserialize<Patient>(CanonicalJson.Serialize(patient, _options), _options)! with { Allergies = [] });
    }

    [Fact]
    public void Deserialize_Dates_ReadAsUtc()
    {
        var value = CanonicalJson.Deserialize<Dated>("""{"at":"2026-03-01T10:30:00+02:00","local":"2026-03-01T08:00:00Z"}""", _options)!;

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.Zero), value.At);
        Assert.Equal(TimeSpan.Zero, value.At.Offset);
        Assert.Equal(DateTimeKind.Utc, value.Local.Kind);
        Assert.Null(value.Maybe);
    }

    [Theory]
    [InlineData("""{"alpha":1,"unknown":2}""")]
    [InlineData("""{"alpha":1} {"alpha":2}""")]
    [InlineData("""{"alpha":"one"}""")]
    [InlineData("""{"alpha":1""")]
    [InlineData("""{"$type":"System.IO.FileInfo, System.IO.FileSystem","alpha":1}""")]
    public void Deserialize_InvalidInput_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Deserialize<Forward>(json, _options));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"unknown\"")]
    public void Deserialize_EnumNotAsDeclaredString_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Deserialize<PatientStatus>(json, _options));
    }

    [Fact]
    public void Deserialize_DateNotIso_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Deserialize<Dated>("""{"at":"03/01/2026"}""", _options));
    }

    [Fact]
    public void Deserialize_NestingBeyondMaxDepth_Throws()
    {
        var deep = new string('[', CanonicalJson.MaxDepth + 1) + new string(']', CanonicalJson.MaxDepth + 1);

        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Deserialize<object>(deep, _options));
    }

    [Fact]
    public void Deserialize_InvalidUtf8_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.Deserialize<string>(new byte[] { 0x22, 0xC3, 0x28, 0x22 }, _options));
    }
}
