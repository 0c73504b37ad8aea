using ContinuityOfCare.Workflows.Runtime.Notifications;
using static ContinuityOfCare.Workflows.Runtime.Tests.Notifications.NotificationSamples;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Notifications;

/// <summary>A template is pathway text, not code we trust: these are the walls around it.</summary>
public sealed class TemplateSandboxTests
{
    private readonly ScribanNotificationRenderer _renderer = new();

    private string? ErrorOf(string body, ScribanNotificationRenderer? renderer = null)
    {
        var rendered = (renderer ?? _renderer).Render(Inline(body, id: "hostile"), AlexExample());
        Assert.Null(rendered.Subject);
        Assert.Null(rendered.Body);
        return rendered.Error;
    }

    [Fact]
    public void AnEndlessLoopStopsAtTheLoopLimit()
    {
        Assert.Equal(
            "Template 'hostile' could not be rendered (body, line 1, column 4): Exceeding number of iteration limit `1000` for loop statement.",
            ErrorOf("{{ while true }}x{{ end }}"));
    }

    [Fact]
    public void NestedLoopsShareOneLoopLimit()
    {
        Assert.Contains("iteration limit `1000`", ErrorOf("{{ for i in 1..100 }}{{ for j in 1..100 }}.{{ end }}{{ end }}"));
    }

    [Fact]
    public void EndlessRecursionStopsAtTheRecursionLimit()
    {
        Assert.Equal(
            "Template 'hostile' could not be rendered (body, line 1, column 16): Exceeding number of recursive depth limit `20` for node: `f`",
            ErrorOf("{{ func f; ret f; end; f }}"));
    }

    [Fact]
    public void AStringThatDoublesPastTheLimitStops()
    {
        Assert.Contains("LimitToString `100000`", ErrorOf("{{ s = 'x'; for i in 1..40; s = s + s; end; s }}"));
    }

    [Fact]
    public void AStringMultipliedPastTheLimitStopsBeforeItIsAllocated()
    {
        Assert.Contains("String multiplication exceeds LimitToString `100000`", ErrorOf("{{ 'A' * 200000000 }}"));
    }

    [Fact]
    public void OutputPastTheLimitStopsRatherThanBeingCutShort()
    {
        Assert.Contains("Rendered output exceeds OutputLimit `100000`", ErrorOf("{{ for i in 1..999 }}{{ 'abcdefghij' * 9000 }}{{ end }}"));
    }

    [Fact]
    public void IncludeFailsWithAMessageForThePathwayAuthor()
    {
        Assert.Equal(
            "Template 'hostile' could not be rendered (body, line 1, column 4): Notification templates cannot include other templates or files ('/etc/passwd'); write the text into the template, or use 'from \"<file>\"' in the pathway.",
            ErrorOf("{{ include '/etc/passwd' }}"));
    }

    [Fact]
    public void IncludeInsideAnEvaluatedTemplateFailsToo()
    {
        Assert.Contains("Notification templates cannot include", ErrorOf("{{ object.eval_template '{{ include \"x\" }}' }}"));
    }

    [Fact]
    public void NoDotNetMemberIsReachable()
    {
        var rendered = _renderer.Render(
            Inline("[{{ person.GetType }}|{{ person.get_type }}|{{ person.name.GetType }}|{{ person.name.Length }}|{{ now.get_type }}|{{ fields.Count }}]"),
            AlexExample());

        Assert.Equal("[|||||]", rendered.Body);
    }

    [Fact]
    public void AnObjectPrintsOnlyTheDataItWasGiven()
    {
        var rendered = _renderer.Render(Inline("{{ recipient }}"), AlexExample());

        Assert.Equal("{id: \"cjit\", name: \"Riverside CJIT (fictional)\"}", rendered.Body);
    }

    [Fact]
    public void ScribansOwnFunctionsStillWork()
    {
        var rendered = _renderer.Render(Inline("{{ person.name | string.upcase }} {{ date.now.year > 2000 }} {{ [3, 1, 2] | array.sort | array.join ',' }}"), AlexExample());

        Assert.Equal("ALEX EXAMPLE true 1,2,3", rendered.Body);
    }

    [Fact]
    public void ATemplateCannotChangeTheCaseData()
    {
        Assert.Contains("person.name", ErrorOf("{{ person.name = 'Someone Else' }}"), StringComparison.Ordinal);
    }

    [Fact]
    public void ASlowTemplateStopsAtTheTimeLimit()
    {
        var renderer = new ScribanNotificationRenderer(new TemplateSandboxOptions { TimeLimit = TimeSpan.FromMilliseconds(50) });
        // Each loop stays inside the loop and string limits but copies 99,000 characters 999 times.
        var slowLoop = "{{ for i in 1..999; t = s | string.replace 'a' 'b'; end }}";
        var body = "{{ s = 'a' * 99000 }}" + string.Concat(Enumerable.Repeat(slowLoop, 200));

        var error = ErrorOf(body, renderer);

        Assert.StartsWith("Template 'hostile' was stopped (body, line 1, column ", error);
        Assert.EndsWith("): it ran for longer than the time limit of 50 ms.", error);
    }

    [Fact]
    public void TooDeeplyNestedExpressionsAreAParseError()
    {
        var body = "{{ " + new string('(', 500) + "1" + new string(')', 500) + " }}";

        Assert.StartsWith("Template 'hostile' has a Scriban error", ErrorOf(body));
    }

    [Fact]
    public void LimitsCannotBeSwitchedOff()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScribanNotificationRenderer(new TemplateSandboxOptions { LoopLimit = 0 }));

        Assert.Equal("LoopLimit", error.ParamName);
    }
}
