using System.Security.Claims;
using ContinuityOfCare.Workflows.Persistence.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>
/// The refresh tokens handed out, by id: each works once and is replaced by the next of its family;
/// one presented again revokes the family. The id travels as a claim inside the protected token.
/// </summary>
public sealed class RefreshTokens(AccountsDbContext db, TimeProvider clock)
{
    /// <summary>The claim that carries a token's id.</summary>
    public const string IdClaim = "coc:refresh-token";

    /// <summary>What became of a refresh token presented for exchange.</summary>
    public enum Exchange
    {
        /// <summary>Unused and valid: it is now used and the next one may be issued.</summary>
        Accepted,

        /// <summary>Not known here (forged, or issued before tokens were recorded).</summary>
        Unknown,

        /// <summary>Already used or revoked: the whole family is now revoked.</summary>
        Reused,
    }

    /// <summary>Records a new token (of a new family when none is given) and adds its id to the principal the token is made from.</summary>
    public async Task IssueAsync(ClaimsPrincipal principal, string accountId, string? family = null)
    {
        var token = new RefreshToken
        {
            Id = Guid.NewGuid().ToString("N"),
            Family = family ?? Guid.NewGuid().ToString("N"),
            AccountId = accountId,
            IssuedAt = clock.GetUtcNow(),
        };
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync();
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(IdClaim, token.Id));
    }

    /// <summary>Marks the token used, once: of two requests with the same token only one is accepted.</summary>
    public async Task<(Exchange Outcome, string? Family)> ExchangeAsync(string? id, string accountId)
    {
        var token = id is null ? null : await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.AccountId == accountId);
        if (token is null)
        {
            return (Exchange.Unknown, null);
        }

        var now = clock.GetUtcNow();
        var marked = token.RevokedAt is null
            ? await db.RefreshTokens.Where(t => t.Id == id && t.UsedAt == null && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now))
            : 0;
        if (marked == 1)
        {
            return (Exchange.Accepted, token.Family);
        }

        await db.RefreshTokens.Where(t => t.Family == token.Family && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
        return (Exchange.Reused, token.Family);
    }

    /// <summary>Revokes every token of an account (when it is disabled).</summary>
    public Task RevokeAllAsync(string accountId)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
    }
}
