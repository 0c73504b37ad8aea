namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>What someone may do to a case, whatever their user name.</summary>
public enum ActorKind
{
    /// <summary>The engine itself (deadlines, timers, escalations): may record anything the pathway allows.</summary>
    Engine,

    /// <summary>A caseworker acting for one agency: records that agency's events and completes its actions.</summary>
    Caseworker,

    /// <summary>
    /// Someone who changes cases for the partnership as a whole rather than for an agency (a lead
    /// moving cases onto a new version): records no agency's events.
    /// </summary>
    Manager,

    /// <summary>Someone who only reads (an auditor, or a lead looking at a case): nothing is theirs to record.</summary>
    Reader,
}

/// <summary>Who did something, and so what they may do: the engine, a caseworker for an agency, a manager or a reader.</summary>
public sealed record Actor
{
    private Actor(string userId, ActorKind kind, string? agency)
    {
        UserId = userId;
        Kind = kind;
        Agency = agency;
    }

    /// <summary>The engine: deadlines and timers.</summary>
    public static Actor System { get; } = new("system", ActorKind.Engine, null);

    public string UserId { get; }

    public ActorKind Kind { get; }

    /// <summary>The agency a caseworker acts for; null for everyone else.</summary>
    public string? Agency { get; }

    public bool IsSystem => Kind == ActorKind.Engine;

    public static Actor Caseworker(string userId, string agency) =>
        string.IsNullOrWhiteSpace(agency) ? throw new ArgumentException("A caseworker acts for an agency.", nameof(agency)) : new(userId, ActorKind.Caseworker, agency);

    public static Actor Manager(string userId) => new(userId, ActorKind.Manager, null);

    public static Actor Reader(string userId) => new(userId, ActorKind.Reader, null);

    /// <summary>The actor of a stored history line: the engine, a caseworker when an agency is recorded, otherwise a manager.</summary>
    public static Actor FromRecord(string userId, string? agency) =>
        agency is not null ? Caseworker(userId, agency) : userId == System.UserId ? System : Manager(userId);

    /// <summary>Whether this actor may do what one of these agencies does (record its events, complete its actions).</summary>
    public bool ActsForAny(IEnumerable<string> agencies) => Kind switch
    {
        ActorKind.Engine => true,
        ActorKind.Caseworker => agencies.Contains(Agency!, StringComparer.Ordinal),
        _ => false,
    };

    public bool ActsFor(string agency) => ActsForAny([agency]);

    public override string ToString() => Agency is null ? UserId : $"{UserId} ({Agency})";
}
