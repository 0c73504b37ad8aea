using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Formatting;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Tests.Diagnostics;
using NodaTime;

namespace ContinuityOfCare.Workflows.Language.Tests.LocalProtocols;

/// <summary>A pathway written as changes to version 1 of the shipped national pathway compiles to the whole pathway.</summary>
public class BasedOnTests
{
    private static readonly PathwayDefinition National = TestCompiler.CompileFile(RepositoryPaths.NationalPathway).Definition!;

    private static PathwayDefinition Compiled(string changes)
    {
        var result = TestCompiler.Compile(DiagnosticExamples.BasedOn + changes, "local.pathway");
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }

    private static IReadOnlyList<Language.Diagnostics.Diagnostic> Errors(string changes, CompileEnvironment? environment = null) =>
        [.. PathwayCompiler.Compile(DiagnosticExamples.BasedOn + changes, "local.pathway", environment ?? TestCompiler.Environment).Errors];

    [Fact]
    public void WithNoChangesItIsTheBaseUnderItsOwnHeader()
    {
        var local = Compiled("");

        Assert.Equal(("sample", "Sample", "Testshire"), (local.Id, local.Title, local.Partnership));
        Assert.Equal(National.States.Select(s => s.Id), local.States.Select(s => s.Id));
        Assert.Equal((National.TimeZone, National.Calendar), (local.TimeZone, local.Calendar));
        Assert.Equal(DefinitionJson.ToCanonicalJson(National with { Id = "sample", Title = "Sample", Partnership = "Testshire" }),
            DefinitionJson.ToCanonicalJson(local with { Base = null }));
    }

    [Fact]
    public void ARenamedAgencyKeepsItsIdAndEverythingItDoes()
    {
        var local = Compiled("rename agency treatment \"Eastmoor Recovery Service\"\n");

        Assert.Equal("Eastmoor Recovery Service", local.FindAgency("treatment")!.Name);
        Assert.Equal(National.Agencies.Select(a => a.Id), local.Agencies.Select(a => a.Id));
    }

    [Fact]
    public void ChangingAnActionsDeadlineKeepsItsAgencyAndEscalation()
    {
        var local = Compiled("change state pre-release\n  change action refer-to-treatment\n    2 weeks before release-date\n");

        var before = National.FindState("pre-release")!.Actions.Single(a => a.Id == "refer-to-treatment");
        var after = local.FindState("pre-release")!.Actions.Single(a => a.Id == "refer-to-treatment");
        Assert.Equal(new BeforeDeadline(new Definitions.Duration(2, DurationUnit.Weeks), "release-date"), after.Deadline);
        Assert.Equal((before.Agency, before.Description, before.OnMissed.Length), (after.Agency, after.Description, after.OnMissed.Length));
    }

    [Fact]
    public void ChangingAnActionsAgencyAndEscalationKeepsItsDeadline()
    {
        var local = Compiled("change state pre-release\n  change action refer-to-treatment by carats\n    if missed: notify carats with deadline-missed\n");

        var after = local.FindState("pre-release")!.Actions.Single(a => a.Id == "refer-to-treatment");
        Assert.Equal("carats", after.Agency);
        Assert.Equal(new ByDateDeadline("release-date"), after.Deadline);
        Assert.Equal([new NotifyEffect(["carats"], "deadline-missed")], after.OnMissed.Cast<NotifyEffect>().Select(n => n with { Agencies = [.. n.Agencies] }), new NotifyComparer());
    }

    [Fact]
    public void ReplacedTransitionsTakeThePlaceOfEveryTransitionOnThatEventInTheOrderWritten()
    {
        var local = Compiled("""
            change state pre-release
              replace on released with release-date when appointment-at is set -> attended-first-appointment
              replace on released with release-date -> released-to-community

            """);

        var released = local.FindState("pre-release")!.Transitions.Where(t => t.Event == "released").ToList();
        Assert.Equal(["attended-first-appointment", "released-to-community"], released.Select(t => t.Target));
        Assert.Empty(released[1].Effects);
    }

    [Fact]
    public void AnAddedTransitionComesAfterTheBasesOnesOnThatEvent()
    {
        var local = Compiled("change state referral\n  add on attended -> engaged\n");

        var attended = local.FindState("referral")!.Transitions.Where(t => t.Event == "attended").Select(t => t.Target);
        Assert.Equal(["attended-first-appointment", "engaged"], attended);
    }

    [Fact]
    public void ARemovedStateAndTheTransitionsReplacedAwayFromItAreGone()
    {
        var local = Compiled("""
            remove state missed-appointment
            change state appointment-booked
              replace on did-not-attend -> not-engaged

            """);

        Assert.Null(local.FindState("missed-appointment"));
        Assert.Equal("not-engaged", local.FindState("appointment-booked")!.Transitions.Single(t => t.Event == "did-not-attend").Target);
    }

    [Fact]
    public void AStatesTitleStageAndOwnerCanBeChangedAlone()
    {
        var local = Compiled("change state referral \"Referral to Eastmoor\"\n  stage \"Referred\"\n  owner cjit\n");

        var referral = local.FindState("referral")!;
        Assert.Equal(("Referral to Eastmoor", "Referred", "cjit"), (referral.Title, referral.Stage, referral.Owner));
    }

    [Fact]
    public void AnUnknownBaseIsTheOnlyThingReported()
    {
        var errors = Errors("add agency x \"X\"\nchange state nowhere\n  remove action nothing\n", new CompileEnvironment(TestCompiler.Calendars, DateTimeZoneProviders.Tzdb, DiskTemplateFileReader.Instance));

        var error = Assert.Single(errors);
        Assert.Equal(("COC2041", 4, 12), (error.Code, error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void ARetractedBaseOffersTheCurrentVersion()
    {
        var bases = new PathwayBases().Add(National, 1, "wrong deadline for the DIR").Add(National, 2);

        var error = Assert.Single(Errors("", TestCompiler.Environment with { Bases = bases }));

        Assert.Equal("COC2042", error.Code);
        Assert.Equal("Version 1 of pathway 'custody-to-community' was retracted (wrong deadline for the DIR), so nothing new may be based on it. Did you mean version 2, the current one?", error.Message);
        Assert.Equal("2", error.Fix!.Replacement);
    }

    [Fact]
    public void AddingWhatTheBaseHasOffersReplace()
    {
        var error = Assert.Single(Errors("agency cjit \"Eastmoor CJIT\"\n"));

        Assert.Equal(("COC2044", 5, 1), (error.Code, error.Start.Line, error.Start.Column));
        Assert.Equal("replace ", error.Fix!.Replacement);
    }

    [Fact]
    public void ChangingWhatTheBaseLacksSuggestsTheNearestName()
    {
        var error = Assert.Single(Errors("change state pre-release\n  remove action refer-to-treatmnt\n"));

        Assert.Equal(("COC2043", 6, 17), (error.Code, error.Start.Line, error.Start.Column));
        Assert.Equal("refer-to-treatment", error.Fix!.Replacement);
    }

    [Fact]
    public void AMistakeInALocalLineIsReportedOnThatLine()
    {
        var error = Assert.Single(Errors("change state referral\n  add action call \"Call the person\" by cjit2 within 1 working day\n"));

        Assert.Equal(("COC2008", 6, 40), (error.Code, error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void AProblemARemovalCausesInAnInheritedPartPointsAtTheBasedOnLine()
    {
        var errors = Errors("remove field release-date\n");

        // Deadlines and conditions name the field (unknown field), and templates read it (unknown variable).
        Assert.Equal(["COC2010", "COC2028"], errors.Select(e => e.Code).Distinct().Order());
        Assert.All(errors, e => Assert.Equal(4, e.Start.Line));
    }

    [Fact]
    public void FormattingAPathwayOfChangesIsIdempotentAndKeepsItsDefinition()
    {
        var messy = DiagnosticExamples.BasedOn + """
            rename   agency treatment   "Eastmoor Recovery Service"
            change state pre-release   "Release planning"
                 change action refer-to-treatment by carats 2 weeks before release-date
                 if missed:   notify carats with deadline-missed
              replace on released with release-date   -> released-to-community
              remove on treatment-changed
            remove state removed-from-uk
            change state pre-release-unused
            """;
        var formatted = PathwayFormatter.Format(messy).Text!;

        Assert.Equal(formatted, PathwayFormatter.Format(formatted).Text);
        Assert.Contains("  change action refer-to-treatment\n    by carats 2 weeks before release-date\n    if missed: notify carats with deadline-missed\n", formatted, StringComparison.Ordinal);
        Assert.Contains("\nrename agency treatment \"Eastmoor Recovery Service\"\n", formatted, StringComparison.Ordinal);
    }

    [Fact]
    public void FormattingTheShippedLocalProtocolsKeepsTheirDefinitions()
    {
        foreach (var name in new[] { "riverside", "northbridge" })
        {
            var path = Path.Combine(RepositoryPaths.Pathways, "local", name + ".pathway");
            var text = File.ReadAllText(path);
            var formatted = PathwayFormatter.Format(text, path).Text!;

            Assert.Equal(TestCompiler.Compile(text, path).ContentHash, TestCompiler.Compile(formatted, path).ContentHash);
        }
    }

    private sealed class NotifyComparer : IEqualityComparer<NotifyEffect>
    {
        public bool Equals(NotifyEffect? x, NotifyEffect? y) =>
            x is not null && y is not null && x.Template == y.Template && x.WithoutConsent == y.WithoutConsent && x.Agencies.SequenceEqual(y.Agencies);

        public int GetHashCode(NotifyEffect obj) => obj.Template.GetHashCode(StringComparison.Ordinal);
    }
}
