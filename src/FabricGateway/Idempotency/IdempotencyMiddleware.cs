using System.Security.Cryptography;
using System.Text;
using MedChain.FabricClient;
using MedChain.FabricGateway.Apis;
using MedChain.FabricGateway.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MedChain.FabricGateway.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST and PUT: the first request with a key runs; a retry with the same key and the
/// same request gets the first answer replayed (header <c>Idempotency-Replayed: true</c>) and submits nothing; the
/// same key for a different request is 422; while the first is still running, 409. Keys are per caller. A request
/// that failed before anything could commit (an exception, a 503) releases its key so a retry runs again; one
/// whose outcome is unknown (504) keeps it, since running it again could commit twice.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyMiddleware> logger)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    private const int _maxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            || !request.Headers.TryGetValue(KeyHeader, out var values)
            || context.GetEndpoint() is null
            || Person.FromPrincipal(context.User) is not { } caller)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > _maxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await WriteProblemAsync(context, ProblemTypes.Validation, $"{KeyHeader} must be 1 to {_maxKeyLength} printable ASCII characters without spaces.").ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        var fingerprint = await FingerprintAsync(request, caller, cancellationToken).ConfigureAwait(false);
        var name = Hex($"{caller.Role}\n{caller.Id}\n{key}");
        var pending = new IdempotencyEntry { Fingerprint = fingerprint, Completed = false, StartedAt = time.GetUtcNow() };
        Azure.ETag? held;
        try
        {
            held = await store.TryBeginAsync(name, pending, cancellationToken).ConfigureAwait(false);
            while (held is null)
            {
                var found = await store.ReadAsync(name, cancellationToken).ConfigureAwait(false);
                if (found is null)
                {
                    // Released between our create and our read (its request failed): try to be the first again.
                    held = await store.TryBeginAsync(name, pending, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var (existing, etag) = found.Value;

                if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    await WriteProblemAsync(context, ProblemTypes.IdempotencyKeyReused, $"This {KeyHeader} was used for a different request.").ConfigureAwait(false);
                    return;
                }

                if (existing.Completed)
                {
                    await ReplayAsync(context, existing).ConfigureAwait(false);
                    return;
                }

                if (time.GetUtcNow() - existing.StartedAt < options.Value.InFlightTimeout)
                {
                    await WriteProblemAsync(context, ProblemTypes.IdempotencyInFlight, $"A request with this {KeyHeader} is in progress.").ConfigureAwait(false);
                    return;
                }

                // Abandoned (its instance is presumed gone): take it over, unless another retry just did.
                held = await store.TryReplaceAsync(name, pending, etag, cancellationToken).ConfigureAwait(false);
                if (held is null)
                {
                    await WriteProblemAsync(context, ProblemTypes.IdempotencyInFlight, $"A request with this {KeyHeader} is in progress.").ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            // Without the key store nothing can promise a single submission: refuse rather than risk two.
            GatewayLog.IdempotencyStoreFailed(logger, e);
            await WriteProblemAsync(context, ProblemTypes.StorageUnavailable, "The idempotency key store is unreachable; retry.").ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        await using var capture = new CapturingStream(original, options.Value.MaxKeptBodyBytes);
        context.Response.Body = capture;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (CommitStatusException e)
        {
            // The submission may still commit: a retry must not submit again, so the key keeps the 504.
            var (status, title, detail, type) = ProblemMapping.Map(e);
            var body = System.Text.Json.JsonSerializer.Serialize(new { type = type.Uri, title, status, detail });
            await store.TryReplaceAsync(name, pending with { Completed = true, Status = status, ContentType = "application/problem+json", Body = body, BodyKept = true }, held.Value, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await store.ReleaseAsync(name, held.Value, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            await store.ReleaseAsync(name, held.Value, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var json = response.ContentType is { } contentType && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        var kept = json && capture.Kept is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        await store.TryReplaceAsync(name, pending with
        {
            Completed = true,
            Status = response.StatusCode,
            ContentType = response.ContentType,
            Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            Body = kept,
            BodyKept = kept is not null || capture.Written == 0,
        }, held.Value, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Who, what and to which resource, with the body's hash (JSON bodies; a streamed record is named by its length).</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, Person caller, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append(caller.Role).Append('\n').Append(caller.Id).Append('\n')
            .Append(request.Method).Append('\n').Append(request.Path.Value).Append('\n').Append(request.QueryString.Value).Append('\n')
            .Append(request.ContentType).Append('\n');
        if (request.HasJsonContentType())
        {
            // Buffered (to disk past a small size) so the endpoint reads the same body after it was hashed.
            request.EnableBuffering();
            text.Append(Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Body, cancellationToken).ConfigureAwait(false)));
            request.Body.Position = 0;
        }
        else
        {
            text.Append(request.ContentLength);
        }

        return Hex(text.ToString());
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyEntry entry)
    {
        if (!entry.BodyKept)
        {
            await WriteProblemAsync(context, ProblemTypes.ReplayWithoutContent, $"The first request with this {KeyHeader} completed with status {entry.Status}.", new Dictionary<string, object?> { ["firstStatus"] = entry.Status }).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = entry.Status;
        response.Headers[ReplayedHeader] = "true";
        if (entry.Location is { } location)
        {
            response.Headers.Location = location;
        }

        if (entry.Body is { } body)
        {
            response.ContentType = entry.ContentType;
            await response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteProblemAsync(HttpContext context, ProblemType type, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = type.Status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = type.Status, Title = type.Title, Type = type.Uri, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Passes the response through, keeping a copy of its first bytes up to a bound (nothing once past it).</summary>
    private sealed class CapturingStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();
        private bool _overflow;

        public long Written { get; private set; }

        public byte[]? Kept => _overflow ? null : _copy.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _copy.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            Written += bytes.Length;
            if (_overflow || _copy.Length + bytes.Length > limit)
            {
                _overflow = true;
                return;
            }

            _copy.Write(bytes);
        }
    }
}
