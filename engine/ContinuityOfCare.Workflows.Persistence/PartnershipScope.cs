namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// Which partnership's rows a caller may see and change: every partnership (the engine itself, an
/// administrator), one partnership (a lead, a caseworker, an auditor), or none (nobody signed in).
/// </summary>
public readonly record struct PartnershipAccess
{
    private PartnershipAccess(bool everything, string? partnership)
    {
        Everything = everything;
        Partnership = partnership;
    }

    /// <summary>Every partnership: the engine's own work (timers, deliveries, start-up) and administrators.</summary>
    public static PartnershipAccess All { get; } = new(true, null);

    /// <summary>No partnership at all: every filtered table reads as empty and nothing can be written.</summary>
    public static PartnershipAccess None { get; } = new(false, null);

    public static PartnershipAccess Only(string partnership) =>
        string.IsNullOrWhiteSpace(partnership)
            ? throw new ArgumentException("A partnership is named.", nameof(partnership))
            : new(false, partnership);

    public bool Everything { get; }

    /// <summary>The one partnership visible, unless <see cref="Everything"/> is.</summary>
    public string? Partnership { get; }

    public bool Allows(string partnership) => Everything || string.Equals(Partnership, partnership, StringComparison.Ordinal);

    public override string ToString() => Everything ? "every partnership" : Partnership is null ? "no partnership" : $"'{Partnership}'";
}

/// <summary>
/// Says whose data the current piece of work is for. The runtime's database applies it in two
/// places, which between them cover every read and write of the stores: to EF Core's queries, as
/// the global query filter on every table that belongs to a partnership (see
/// <see cref="RuntimeDbContext"/>); and to the store's own statements, through
/// <see cref="Statements.PartnershipGuard"/>, which limits their reads in SQL and refuses their
/// writes before they are sent. A query that bypasses both (raw SQL outside the store) is not
/// covered, so there is none.
/// </summary>
public interface IPartnershipScope
{
    PartnershipAccess Current { get; }
}

/// <summary>The scope of work that is not done for a signed-in user: every partnership.</summary>
public sealed class EngineScope : IPartnershipScope
{
    public static EngineScope Instance { get; } = new();

    public PartnershipAccess Current => PartnershipAccess.All;
}
