using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>A short release-to-treatment pathway with the national reporting rules, and people walked along it.</summary>
public sealed class ReportPathway
{
    public const string Text = """
        pathway release-to-treatment
          title "Release to treatment (reports test)"
          partnership "Testshire (fictional)"

        agency carats "Prison team"
        agency cjit "Criminal justice drug team"
        agency treatment "Treatment service"

        start state custody "In custody"
          stage "In custody"
          owner carats
          on released -> released-to-community
          on died -> died

        state released-to-community "Released"
          stage "Released"
          owner cjit
          action report-contact "Record first contact" by cjit within 2 days of released
          on referral-received by treatment -> referral
          on died by cjit -> died
          on removed-from-uk by cjit -> removed
          after 21 days of released -> not-engaged

        state referral "Referral received"
          stage "Referral"
          owner treatment
          action offer-appointment "Offer an appointment" by treatment within 3 days
          on appointment-offered -> appointment-booked
          after 21 days of released -> not-engaged

        state appointment-booked "Appointment offered"
          stage "Appointment"
          owner treatment
          on attended -> attended-first-appointment
          after 21 days of released -> not-engaged

        state attended-first-appointment "Attended"
          stage "Attended"
          owner treatment
          on treatment-started -> engaged
          after 21 days of released -> not-engaged

        final state engaged "Engaged"
          stage "Engaged"
          owner treatment
          outcome continuity-achieved

        final state not-engaged "Not engaged"
          stage "Closed"
          owner cjit
          outcome not-engaged

        final state died "Died"
          stage "Closed"
          owner cjit
          outcome died

        final state removed "Removed from the UK"
          stage "Closed"
          owner cjit
          outcome left-pathway
        """;

    private int _people;

    private readonly Func<IRuntimeStore, IReportSource> _source;

    /// <param name="timers">False to drop the 21-day timers, so that treatment can start after the window.</param>
    /// <param name="store">The store under test; in memory unless given.</param>
    /// <param name="source">Where the store's figures are worked out; counted in memory from the cases unless given.</param>
    /// <param name="text">The pathway, when not <see cref="Text"/> (another id or partnership).</param>
    public ReportPathway(string startsAt, bool timers = true, IRuntimeStore? store = null, Func<IRuntimeStore, IReportSource>? source = null, string text = Text)
    {
        Harness = Harness.ForText(timers ? text : text.Replace("  after 21 days of released -> not-engaged\n", "", StringComparison.Ordinal), startsAt, store);
        _source = source ?? (s => new CalculatedReportSource(s));
    }

    public Harness Harness { get; }

    /// <summary>Starts a case and records the given events one after another, at the clock's current time.</summary>
    public Task<PathwayInstance> PersonAsync(params string[] events) => StayAsync($"A{++_people:0000}AA", events);

    /// <summary>A new stay for a given prison number, such as someone back in prison after an earlier release.</summary>
    public async Task<PathwayInstance> StayAsync(string prisonNumber, params string[] events)
    {
        var h = Harness;
        var instance = (await h.Runtime.Cases.StartAsync(
            new StartCase(h.Definition.Id, h.Definition.Partnership, new Person(prisonNumber, "Test Person (fictional)", new LocalDate(1990, 1, 1)), true, h.Values()),
            Harness.Caseworker("carats"))).Instance;
        foreach (var name in events)
        {
            instance = await RaiseAsync(instance, name);
        }

        return instance;
    }

    public Task<PathwayInstance> RaiseAsync(PathwayInstance instance, string name)
    {
        var agency = name switch
        {
            "released" or "died" when instance.State == "custody" => "carats",
            "referral-received" or "appointment-offered" or "attended" or "treatment-started" => "treatment",
            _ => "cjit",
        };
        return Harness.RaiseAsync(instance, name, agency);
    }

    public ReportService Service(IReportSource? source = null) =>
        new(source ?? _source(Harness.Store), Harness.Catalog, Harness.Clock);

    public ReportRequest Request(string from, string to) =>
        new(Harness.Definition.Partnership, Harness.Definition.Id, LocalDate.FromDateTime(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture)),
            LocalDate.FromDateTime(DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
}
