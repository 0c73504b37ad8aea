namespace ContinuityOfCare.Workflows.Persistence.Accounts;

/// <summary>
/// One refresh token handed to an API client. A token is good for one refresh, which hands out the
/// next token of the same family; a token presented a second time means it was copied, so the whole
/// family is revoked and its holder, whoever that is, signs in again.
/// </summary>
public sealed class RefreshToken
{
    /// <summary>The token's own id, carried inside the protected token.</summary>
    public string Id { get; set; } = "";

    /// <summary>The id shared by every token handed out since one password sign-in.</summary>
    public string Family { get; set; } = "";

    public string AccountId { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When it was exchanged for the next token; a token is used once.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>When the family was revoked (reuse, the account disabled); no longer accepted.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
