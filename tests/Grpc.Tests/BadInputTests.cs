using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf.WellKnownTypes;
using MedChain.Grpc;
using MedChain.TestSupport;

namespace MedChain.Grpc.Tests;

/// <summary>Requests no gRPC client would send, made with a raw HttpClient: each gets an error, and the server keeps serving.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, byte[], StatusCode> MalformedBodies => new()
    {
        { "truncated prefix", [0, 0, 0], StatusCode.Internal },
        { "truncated message", [0, 0, 0, 0, 10, 1, 2], StatusCode.Internal },
        { "compressed flag", [1, 0, 0, 0, 1, 0], StatusCode.Internal },
        { "invalid flag", [7, 0, 0, 0, 0], StatusCode.Internal },
        { "length beyond limit", [0, 0x7f, 0xff, 0xff, 0xff], StatusCode.ResourceExhausted },
        { "not protobuf", [0, 0, 0, 0, 2, 0xff, 0xff], StatusCode.Internal },
        { "empty body", [], StatusCode.Internal },
        { "two messages on unary", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Server_MalformedFrame_RespondsWithGrpcStatus(string description, byte[] body, StatusCode expected)
    {
        await using var fixture = await ServerFixture.StartAsync(new GrpcServerOptions { MaxReceiveMessageSize = 1024 });
        using var http = H2cClient();

        using var response = await http.SendAsync(GrpcRequest(fixture, body), TestContext.Current.CancellationToken);
        var status = await ReadGrpcStatusAsync(response);

        Assert.True(expected == status, $"{description}: expected {expected}, got {status}");
        await AssertStillServingAsync(fixture);
    }

    [Fact]
    public async Task Server_NonGrpcContentType_Responds415WithGrpcStatus()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var http = H2cClient();
        var request = GrpcRequest(fixture, [0, 0, 0, 0, 0]);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(StatusCode.Internal, await ReadGrpcStatusAsync(response));
        await AssertStillServingAsync(fixture);
    }

    [Fact]
    public async Task Server_GetRequest_Responds405()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var http = H2cClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{fixture.Server.Port}{TestService.Unary.FullName}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await AssertStillServingAsync(fixture);
    }

    [Fact]
    public async Task Server_Http11OnCleartextEndpoint_FailsAndServerKeepsServing()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.Server.Port}{TestService.Unary.FullName}")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };

        // The cleartext endpoint speaks HTTP/2 only: an HTTP/1.1 client gets no usable answer, never a handler call.
        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.False(response.IsSuccessStatusCode);
        });

        Assert.True(outcome is null or HttpRequestException, $"Unexpected outcome: {outcome}");
        await AssertStillServingAsync(fixture);
    }

    [Fact]
    public async Task Server_Http11OverTls_Responds426()
    {
        using var ca = TestCertificates.Create();
        using var serverCertificate = ca.IssueServerCertificate();
        await using var fixture = await ServerFixture.StartAsync(
            new GrpcServerOptions { ServerCertificate = serverCertificate },
            new GrpcChannelOptions { RootCertificates = ca.Roots });
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == serverCertificate.Thumbprint;
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://127.0.0.1:{fixture.Server.Port}{TestService.Unary.FullName}")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        await AssertStillServingAsync(fixture);
    }

    [Fact]
    public async Task Server_UnsupportedGrpcEncoding_Unimplemented()
    {
        await using var fixture = await ServerFixture.StartAsync();
        using var http = H2cClient();
        var request = GrpcRequest(fixture, [0, 0, 0, 0, 0]);
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCode.Unimplemented, await ReadGrpcStatusAsync(response));
        Assert.Equal("identity", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    private static HttpClient H2cClient() => new();

    private static HttpRequestMessage GrpcRequest(ServerFixture fixture, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.Server.Port}{TestService.Unary.FullName}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>grpc-status from the headers (trailers-only) or, after the body, from the trailers.</summary>
    private static async Task<StatusCode?> ReadGrpcStatusAsync(HttpResponseMessage response)
    {
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var value = response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.Single()
            : response.TrailingHeaders.TryGetValues("grpc-status", out var trailerValues) ? trailerValues.Single()
            : null;
        return value is null ? null : (StatusCode)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertStillServingAsync(ServerFixture fixture)
    {
        var response = await fixture.Invoker.UnaryCallAsync(TestService.Unary, new StringValue { Value = "ok" }, ServerFixture.Options());
        Assert.Equal("OK", response.Value);
    }
}
