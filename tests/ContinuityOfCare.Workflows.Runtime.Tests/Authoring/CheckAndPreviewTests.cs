using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Authoring;

public class CheckAndPreviewTests
{
    private const string Text = """
        pathway referral
          title "Referral"
          partnership "Testshire (fictional)"
        agency team "Team"
        start state open "Open"
          stage "Open"
          owner {0}
          on closed -> done
        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """;

    private static PathwayPublisher Publisher() => new(new InMemoryPathwayVersionStore(), new InMemoryRuntimeStore(), TimeProvider.System, AuthoringEnvironment.For(CalendarSource.Default, DiskTemplateFileReader.Instance));

    [Fact]
    public async Task CheckReportsEveryErrorWithoutPublishing()
    {
        var diagnostics = (await Publisher().CompileAsync(new SourceText(Text.Replace("{0}", "teem", StringComparison.Ordinal), "referral.pathway"))).Diagnostics;

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(7, error.Start.Line);
    }

    [Fact]
    public async Task PreviewShowsTheDefinitionThatWouldBePublished()
    {
        var preview = await Publisher().CompileAsync(new SourceText(Text.Replace("{0}", "team", StringComparison.Ordinal), "referral.pathway"));

        Assert.Equal(["open", "done"], preview.Definition!.States.Select(s => s.Id));
        Assert.Equal(DefinitionJson.ContentHash(preview.Definition), preview.ContentHash);
    }

    [Fact]
    public async Task APathwayOnACalendarTheEngineCannotCountIsNotPublished()
    {
        var publisher = Publisher();
        var text = Text.Replace("{0}", "team", StringComparison.Ordinal).Replace("  partnership", "  calendar isle-of-man\n  partnership", StringComparison.Ordinal);

        var published = await publisher.PublishAsync(new SourceText(text, "referral.pathway"), "Pat Lead", "Isle of Man bank holidays");

        Assert.Equal(PublishOutcome.HasErrors, published.Outcome);
        Assert.Equal(["COC2006"], published.Diagnostics.Where(d => d.IsError).Select(d => d.Code));
        Assert.Contains(string.Join(", ", CalendarSource.Default.Names), published.Diagnostics.Single(d => d.IsError).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("england-and-wales")]
    [InlineData("scotland")]
    [InlineData("northern-ireland")]
    public async Task APathwayOnAnyOfTheThreeDivisionsIsPublished(string calendar)
    {
        var text = Text.Replace("{0}", "team", StringComparison.Ordinal).Replace("  partnership", $"  calendar {calendar}\n  partnership", StringComparison.Ordinal);

        var published = await Publisher().PublishAsync(new SourceText(text, "referral.pathway"), "Pat Lead", "Bank holidays of the division");

        Assert.Equal(PublishOutcome.Published, published.Outcome);
        Assert.DoesNotContain(published.Diagnostics, d => d.IsError);
    }
}
