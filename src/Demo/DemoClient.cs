using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MedChain.Demo;

/// <summary>Where the demo's HTTP calls go and who makes them: one client per organization's service, a token per person.</summary>
public sealed class DemoTargets(Func<DemoOrg, HttpClient> clients, Func<DemoUser, string> tokens, Func<DemoOrg, string> mspIds, Func<string, CancellationToken, Task> tamperAsync)
{
    public HttpClient Client(DemoOrg org) => clients(org);

    public string Token(DemoUser user) => tokens(user);

    public string MspId(DemoOrg org) => mspIds(org);

    /// <summary>Changes one byte of a record's stored ciphertext, as someone with write access to the storage account could.</summary>
    public Task TamperAsync(string recordId, CancellationToken cancellationToken) => tamperAsync(recordId, cancellationToken);
}

/// <summary>An answer of the service: status, body bytes, and the body as JSON when it is JSON.</summary>
public sealed record DemoResponse(HttpStatusCode Status, byte[] Body, JsonElement? Json)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>A problem detail's <c>detail</c> (or <c>title</c>), for the transcript.</summary>
    public string Problem => Json is { ValueKind: JsonValueKind.Object } j
        ? (j.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
            : j.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null) ?? Text
        : Text;
}

/// <summary>A step's expectation was not met: the story stops here, with what the service answered.</summary>
public sealed class DemoFailedException(string message) : Exception(message);

/// <summary>Sends the demo's requests as a person and checks the status against what the story expects.</summary>
internal sealed class DemoClient(DemoTargets targets)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Sends as <paramref name="user"/>; a status other than <paramref name="expected"/> stops the story.
    /// </summary>
    public async Task<DemoResponse> SendAsync(DemoUser user, HttpMethod method, string path, HttpContent? content, HttpStatusCode[] expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", targets.Token(user));
        // POST/PUT are retried safely by the service under the same key (it honours Idempotency-Key).
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        using var response = await targets.Client(user.Org).SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? json = null;
        if (response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            json = JsonSerializer.Deserialize<JsonElement>(body, Json);
        }

        var answer = new DemoResponse(response.StatusCode, body, json);
        if (!expected.Contains(response.StatusCode))
        {
            throw new DemoFailedException(
                $"{method} {path} as {user.Name}: expected {string.Join(" or ", expected.Select(s => $"{(int)s} {s}"))}, got {(int)response.StatusCode} {response.StatusCode}: {answer.Problem}");
        }

        return answer;
    }

    public Task<DemoResponse> GetAsync(DemoUser user, string path, HttpStatusCode[] expected, CancellationToken cancellationToken) =>
        SendAsync(user, HttpMethod.Get, path, null, expected, cancellationToken);

    public Task<DemoResponse> PostJsonAsync<T>(DemoUser user, string path, T body, HttpStatusCode[] expected, CancellationToken cancellationToken) =>
        SendAsync(user, HttpMethod.Post, path, JsonContent.Create(body, options: Json), expected, cancellationToken);
}
