using System.Collections.Immutable;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>
/// A synthetic cohort: when simulated people arrive on the pathway, and at each state what happens
/// to them next, how likely each thing is (or exactly how many), who records it and how long it takes.
/// Read from a cohort file with <see cref="CohortFile"/>; documented in docs/reports.md.
/// </summary>
/// <param name="Start">When the first person arrives, on the local clock of the pathway's time zone.</param>
/// <param name="People">How many people to simulate unless the caller says otherwise.</param>
/// <param name="Until">When the simulation stops, if before everything has happened (local clock).</param>
/// <param name="ReportFrom">The first day the reports cover; the day of <see cref="Start"/> unless given.</param>
/// <param name="ReportTo">The day after the last the reports cover; the day after the simulation ends unless given.</param>
public sealed record Cohort(
    string? Description,
    LocalDateTime Start,
    int People,
    Arrivals Arrivals,
    bool ConsentRecorded,
    ImmutableArray<CohortValue> StartValues,
    LocalDateTime? Until,
    LocalDate? ReportFrom,
    LocalDate? ReportTo,
    ImmutableDictionary<string, CohortState> States);

/// <summary>How people arrive: all at the start, evenly over a period, or a number each day.</summary>
public abstract record Arrivals
{
    /// <summary>Minutes after the start (local clock) that person <paramref name="index"/> (from 0) of <paramref name="people"/> arrives.</summary>
    public abstract long OffsetMinutes(int index, int people);
}

/// <summary>Everyone arrives at the start.</summary>
public sealed record AllAtStart : Arrivals
{
    public override long OffsetMinutes(int index, int people) => 0;
}

/// <summary>Arrivals spread evenly over a period: person i of n arrives i/n of the way through it.</summary>
public sealed record ArrivalsEvenlyOver(long Minutes) : Arrivals
{
    public override long OffsetMinutes(int index, int people) => Minutes * index / people;
}

/// <summary>A number of people each day, spread evenly over the day from the start's time.</summary>
public sealed record ArrivalsPerDay(int PerDay) : Arrivals
{
    public override long OffsetMinutes(int index, int people) => (index / PerDay * 24L * 60) + (index % PerDay * 24L * 60 / PerDay);
}

/// <summary>What happens to people in one state of the pathway.</summary>
/// <param name="Quotas">True when the choices give exact counts (<c>exactly</c>) rather than probabilities.</param>
/// <param name="NewStay">For a final state: whether the person later starts a new prison stay, and after how long.</param>
/// <param name="Optional">True for a state only some versions of the protocol have: not a mistake when the pathways run do not have it.</param>
public sealed record CohortState(
    string Id,
    string Path,
    ImmutableArray<CohortChoice> Next,
    bool Quotas,
    ImmutableArray<CohortAction> Actions,
    CohortNewStay? NewStay,
    bool Optional);

/// <summary>
/// One thing that can happen next in a state: an event recorded (by an agency, with values), or,
/// when <see cref="Event"/> is null, nothing, so that the pathway's timers take their course.
/// </summary>
public sealed record CohortChoice(
    string Path,
    string? Event,
    double Probability,
    int Exactly,
    string? By,
    ImmutableArray<CohortValue> Values,
    Distribution After);

/// <summary>An action of a state that people in the cohort do: how likely it is to be done, and how long after it opens.</summary>
public sealed record CohortAction(string Path, string ActionId, double Probability, Distribution After);

/// <summary>A person whose case ends in a final state comes back for a new prison stay.</summary>
public sealed record CohortNewStay(string Path, double Probability, Distribution After);

/// <summary>A value for a case field: a constant written as the pathway language writes it, or a date relative to the simulated now.</summary>
public abstract record CohortValue(string Path, string Field);

/// <summary>A constant such as "HMP Example (fictional)", "yes", "community" or "2026-06-19".</summary>
public sealed record ConstantValue(string Path, string Field, string Text) : CohortValue(Path, Field);

/// <summary>A date or date-time a drawn delay after the moment the value is recorded ("release in 8 to 16 weeks").</summary>
public sealed record FromNowValue(string Path, string Field, Distribution After) : CohortValue(Path, Field);
