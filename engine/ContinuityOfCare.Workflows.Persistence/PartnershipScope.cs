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
/// Says whose data the current piece of work is for. The runtime's database reads it whenever it
/// creates a context, and applies it as a global query filter to every table that belongs to a
/// partnership, so that no query, however written, returns another partnership's rows.
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
