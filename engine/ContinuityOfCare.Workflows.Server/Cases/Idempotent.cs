using System.Security.Cryptography;
using ContinuityOfCare.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Server.Cases;

/// <summary>
/// Applies a state-changing request once per <c>Idempotency-Key</c>: the first request with a key is
/// carried out and, if it succeeds, its response is kept for a day; the same request sent again with
/// the key gets that response again (marked <c>Idempotent-Replayed: true</c>) and changes nothing.
/// A key reused for a different request is refused (422), and one whose request is still running
/// gets 409. Requests without a key are carried out as they are.
/// </summary>
public sealed class Idempotent(IdempotencyKeys keys, IProblemDetailsService problems) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return Problem(StatusCodes.Status400BadRequest, "Idempotency key not valid", "An idempotency key is 1 to 200 visible ASCII characters, e.g. a UUID.");
        }

        var owner = http.User.Identity!.Name!;
        var (outcome, stored) = await keys.ClaimAsync(owner, key, await HashAsync(http.Request), http.RequestAborted);
        switch (outcome)
        {
            case IdempotencyOutcome.Replay:
                return new Replayed(stored!);
            case IdempotencyOutcome.InProgress:
                return Problem(StatusCodes.Status409Conflict, "Request still in progress", "A request with this idempotency key is being carried out. Wait, then send it again to get its response.");
            case IdempotencyOutcome.Mismatch:
                return Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency key already used", "This idempotency key was used for a different request. Use a new key for each new change.");
        }

        try
        {
            var result = await next(context);
            if (result is not IResult response)
            {
                await keys.ReleaseAsync(owner, key, CancellationToken.None);
                return result;
            }

            // Carry the response out into a buffer, keep it if it succeeded, then send it.
            var body = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await response.ExecuteAsync(http);
            }
            finally
            {
                http.Response.Body = body;
            }

            var bytes = buffer.ToArray();
            if (http.Response.StatusCode is >= 200 and < 300)
            {
                var headers = http.Response.Headers;
                await keys.CompleteAsync(
                    owner,
                    key,
                    new StoredResponse(http.Response.StatusCode, http.Response.ContentType, NullIfEmpty(headers.Location), NullIfEmpty(headers.ETag), bytes),
                    CancellationToken.None);
            }
            else
            {
                await keys.ReleaseAsync(owner, key, CancellationToken.None);
            }

            return new Written(bytes);
        }
        catch
        {
            // A refused or failed request changed nothing: the same key may be tried again.
            await keys.ReleaseAsync(owner, key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Reads the whole request (buffered by <see cref="BufferIdempotentRequests"/>) into a hash with its method and path.</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private IResult Problem(int status, string title, string detail) =>
        new ProblemResult(problems, new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>Lets the request body be read again for its hash, for requests that carry a key.</summary>
    public static async Task BufferIdempotentRequests(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.ContainsKey(Header))
        {
            context.Request.EnableBuffering();
        }

        await next(context);
    }

    private sealed class ProblemResult(IProblemDetailsService problems, ProblemDetails problem) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status!.Value;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }
    }

    private sealed class Written(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => httpContext.Response.Body.WriteAsync(body).AsTask();
    }

    private sealed class Replayed(StoredResponse stored) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.StatusCode;
            httpContext.Response.ContentType = stored.ContentType;
            if (stored.Location is not null)
            {
                httpContext.Response.Headers.Location = stored.Location;
            }

            if (stored.ETag is not null)
            {
                httpContext.Response.Headers.ETag = stored.ETag;
            }

            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return httpContext.Response.Body.WriteAsync(stored.Body).AsTask();
        }
    }
}
