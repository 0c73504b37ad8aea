using Microsoft.EntityFrameworkCore;
using NodaTime;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>A response kept for an idempotency key, sent again when the same request is retried, with the headers that say what it is.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, string? ETag, byte[] Body);

/// <summary>What claiming an idempotency key found.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is new (or its record has expired): carry the request out.</summary>
    Claimed,

    /// <summary>The same request succeeded before: send its response again.</summary>
    Replay,

    /// <summary>The same request is being carried out now.</summary>
    InProgress,

    /// <summary>The key was used before for a different request.</summary>
    Mismatch,
}

/// <summary>
/// Idempotency keys for state-changing requests, so that a request retried after a lost response
/// is applied once. A key is claimed before the request runs (the table's key makes one claim win),
/// the response is kept if the request succeeded, and the claim is released if it did not, since a
/// refused or failed request changed nothing and may be tried again.
/// </summary>
public sealed class IdempotencyKeys(RuntimeDatabase database, TimeProvider clock)
{
    /// <summary>How long a key is remembered.</summary>
    public static readonly Duration Keep = Duration.FromHours(24);

    public async Task<(IdempotencyOutcome Outcome, StoredResponse? Response)> ClaimAsync(
        string owner, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        var now = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow());
        await using var db = database.CreateContext();
        var expired = Ticks(now - Keep);
        await db.IdempotencyKeys.Where(r => r.Owner == owner && r.Key == key && r.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);
        db.IdempotencyKeys.Add(new IdempotencyRow { Owner = owner, Key = key, RequestHash = requestHash, CreatedAt = Ticks(now) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (IdempotencyOutcome.Claimed, null);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var existing = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(r => r.Owner == owner && r.Key == key, cancellationToken);
        return existing switch
        {
            // Released between our insert and this read: the caller may simply try again.
            null => (IdempotencyOutcome.InProgress, null),
            { RequestHash: var hash } when hash != requestHash => (IdempotencyOutcome.Mismatch, null),
            { StatusCode: null } => (IdempotencyOutcome.InProgress, null),
            _ => (IdempotencyOutcome.Replay, new StoredResponse(existing.StatusCode.Value, existing.ContentType, existing.Location, existing.ETag, existing.ResponseBody ?? [])),
        };
    }

    /// <summary>Keeps the response of a request that succeeded.</summary>
    public async Task CompleteAsync(string owner, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await db.IdempotencyKeys
            .Where(r => r.Owner == owner && r.Key == key)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ContentType, response.ContentType)
                    .SetProperty(r => r.Location, response.Location)
                    .SetProperty(r => r.ETag, response.ETag)
                    .SetProperty(r => r.ResponseBody, response.Body),
                cancellationToken);
    }

    /// <summary>Forgets a claim whose request did not succeed.</summary>
    public async Task ReleaseAsync(string owner, string key, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await db.IdempotencyKeys.Where(r => r.Owner == owner && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync(cancellationToken);
    }
}
