using MedChain.Grpc;
using MedChain.Grpc.Internal;

namespace MedChain.Grpc.Tests;

public sealed class GrpcProtocolTests
{
    [Theory]
    [InlineData(1500, "1500000u")]
    [InlineData(150_000, "150000m")]
    [InlineData(0.5, "500u")]
    [InlineData(200_000_000, "200000S")]
    [InlineData(0, "0u")]
    public void EncodeTimeout_PicksTheFinestUnitThatFitsEightDigits(double milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcProtocol.EncodeTimeout(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void EncodeTimeout_HugeTimeout_StaysWithinEightDigits()
    {
        var encoded = GrpcProtocol.EncodeTimeout(TimeSpan.FromDays(365 * 100));

        Assert.True(encoded.Length <= 9, encoded);
        Assert.True(GrpcProtocol.TryParseTimeout(encoded, out var parsed));
        Assert.True(parsed >= TimeSpan.FromDays(365 * 100));
    }

    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3000)]
    [InlineData("250m", 250)]
    [InlineData("1000u", 1)]
    [InlineData("5000000n", 5)]
    public void TryParseTimeout_ValidValue_Parses(string value, double expectedMilliseconds)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(value, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void TryParseTimeout_MalformedValue_ReturnsFalse(string value)
    {
        Assert.False(GrpcProtocol.TryParseTimeout(value, out _));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("café", "caf%C3%A9")]
    public void EncodeMessage_PercentEncodesOutsidePrintableAscii(string message, string expected)
    {
        var encoded = GrpcProtocol.EncodeMessage(message);

        Assert.Equal(expected, encoded);
        Assert.Equal(message, GrpcProtocol.DecodeMessage(encoded));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("bad %ZZ escape", "bad %ZZ escape")]
    [InlineData("%E2%82%AC 5", "€ 5")]
    public void DecodeMessage_MalformedOrValidEscapes_DecodesWhatItCan(string value, string expected)
    {
        Assert.Equal(expected, GrpcProtocol.DecodeMessage(value));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public void FromHttpStatus_MapsAsGrpcSpecifies(int httpStatus, StatusCode expected)
    {
        Assert.Equal(expected, GrpcProtocol.FromHttpStatus((System.Net.HttpStatusCode)httpStatus));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpc+json", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void IsGrpcContentType_AcceptsProtobufGrpcOnly(string? contentType, bool expected)
    {
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));
    }

    [Fact]
    public void MetadataConverter_BinaryValueWithoutPadding_Decodes()
    {
        var metadata = new Metadata();

        Assert.True(MetadataConverter.TryAdd(metadata, "x-data-bin", "AAEC"));
        Assert.True(MetadataConverter.TryAdd(metadata, "x-short-bin", "AQ"));
        Assert.False(MetadataConverter.TryAdd(metadata, "x-bad-bin", "!!!"));
        Assert.False(MetadataConverter.TryAdd(metadata, "grpc-status", "0"));

        Assert.Equal([0, 1, 2], metadata.GetValueBytes("x-data-bin"));
        Assert.Equal([1], metadata.GetValueBytes("x-short-bin"));
        Assert.Equal(2, metadata.Count);
    }
}
