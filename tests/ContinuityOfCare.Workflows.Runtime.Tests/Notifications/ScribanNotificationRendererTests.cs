using ContinuityOfCare.Workflows.Runtime.Notifications;
using static ContinuityOfCare.Workflows.Runtime.Tests.Notifications.NotificationSamples;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Notifications;

public sealed class ScribanNotificationRendererTests
{
    private readonly ScribanNotificationRenderer _renderer = new();

    [Fact]
    public void RendersTheNationalChangeOfCircumstanceAlertForm()
    {
        var rendered = _renderer.Render(NationalTemplate("alert-change"), AlexExample());

        Assert.Null(rendered.Error);
        Assert.Equal("Alert Form: change of circumstance", rendered.Subject);
        var lines = rendered.Body!.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("To:      Riverside CJIT (fictional)", lines);
        Assert.Contains("Person:  Alex Example, born 1 April 1990, prison number A0000AA", lines);
        Assert.Contains("[x] Release date, now 14 August 2026", lines);
        Assert.Contains("[ ] Death", lines);
        Assert.Contains("In one sentence: The parole board brought the release date forward.", lines);
        Assert.Contains("Recorded 12 March 2026 10:15. We will phone you if anything needs explaining.", lines);
    }

    [Fact]
    public void RendersTheNationalOverdueNoticeFromTheMissedAction()
    {
        var action = new NotificationAction("clinical-assessment", "Clinical assessment", "13 March 2026 09:00");

        var rendered = _renderer.Render(NationalTemplate("deadline-missed"), AlexExample(action: action) with { Event = null });

        Assert.Null(rendered.Error);
        Assert.Contains("Action:       Clinical assessment", rendered.Body);
        Assert.Contains("Was due:      13 March 2026 09:00", rendered.Body);
    }

    [Fact]
    public void MissingFieldsActionAndEventRenderAsEmptyText()
    {
        var model = AlexExample(fields: new Dictionary<string, string>()) with { Event = null, Action = null };
        var template = Inline("[{{ fields.release_date }}|{{ fields.court_date }}|{{ action.due }}|{{ event.note }}|{{ person.date_of_birth }}]");

        var rendered = _renderer.Render(template, model with { Person = model.Person with { DateOfBirth = null } });

        Assert.Equal(RenderedNotification.Rendered("Test notice", "[||||]"), rendered);
    }

    [Fact]
    public void FieldIdsWithHyphensAreReadWithUnderscores()
    {
        var fields = new Dictionary<string, string> { ["cjit-case-worker"] = "Jo Placeholder" };

        var rendered = _renderer.Render(Inline("{{ fields.cjit_case_worker }}"), AlexExample(fields));

        Assert.Equal("Jo Placeholder", rendered.Body);
    }

    [Fact]
    public void ConsentIsABooleanTheTemplateCanTest()
    {
        var template = Inline("{{ if person.consent }}shared{{ else }}withheld{{ end }}");
        var model = AlexExample();

        Assert.Equal("shared", _renderer.Render(template, model).Body);
        Assert.Equal("withheld", _renderer.Render(template, model with { Person = model.Person with { Consent = false } }).Body);
    }

    [Fact]
    public void TheSubjectIsRenderedAsATemplateOnOneLine()
    {
        var fields = new Dictionary<string, string> { ["prison"] = "HMP Riverside\r\n(fictional)" };

        var rendered = _renderer.Render(Inline("body", subject: "{{ person.name }} at {{ fields.prison }}"), AlexExample(fields));

        Assert.Equal("Alex Example at HMP Riverside (fictional)", rendered.Subject);
    }

    [Fact]
    public void AParseErrorIsReportedNotThrown()
    {
        var rendered = _renderer.Render(Inline("{{ if }", id: "broken"), AlexExample());

        Assert.Null(rendered.Subject);
        Assert.Null(rendered.Body);
        Assert.StartsWith("Template 'broken' has a Scriban error, so it cannot be rendered: body, line 1, column 7: ", rendered.Error);
    }

    [Fact]
    public void AnErrorInTheSubjectSaysSo()
    {
        var rendered = _renderer.Render(Inline("fine", subject: "{{ while true }}x{{ end }}", id: "bad-subject"), AlexExample());

        Assert.Equal("Template 'bad-subject' could not be rendered (subject, line 1, column 4): Exceeding number of iteration limit `1000` for loop statement.", rendered.Error);
    }

    [Fact]
    public void AChangedBodyUnderTheSameIdIsRenderedAfresh()
    {
        _renderer.Render(Inline("first {{ person.name }}", id: "same"), AlexExample());

        var rendered = _renderer.Render(Inline("second {{ person.prison_number }}", id: "same"), AlexExample());

        Assert.Equal("second A0000AA", rendered.Body);
    }

    [Fact]
    public void TheCacheStaysWithinItsBound()
    {
        var renderer = new ScribanNotificationRenderer(new TemplateSandboxOptions { MaxCachedTemplates = 4 });

        var bodies = Enumerable.Range(1, 20).Select(i => renderer.Render(Inline($"{i}", id: $"t{i}"), AlexExample()).Body);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"{i}"), bodies);
    }

    [Fact]
    public void RenderingFromManyThreadsAtOnceGivesTheSameText()
    {
        var template = NationalTemplate("alert-change");
        var expected = _renderer.Render(template, AlexExample());

        var results = Enumerable.Range(0, 200).AsParallel().Select(_ => _renderer.Render(template, AlexExample())).ToList();

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
