using System.CommandLine;
using System.Globalization;
using ContinuityOfCare.Workflows.Authoring;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc versions</c>: the published versions, with the cases running on each and which one new cases start on.</summary>
internal static class VersionsCommand
{
    private static readonly InstantPattern Time = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'");

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var pathway = new Argument<string?>("pathway-id") { Description = "Only this pathway's versions.", Arity = ArgumentArity.ZeroOrOne };
        var partnership = new Option<string?>("--partnership") { Description = "Only the versions published for this partnership." };
        var data = DataFolder.Option();
        var command = new Command("versions", "List the published versions of pathways: who published each and when, why, how many cases run on it, and which are current or retracted.")
        {
            pathway, partnership, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            await using var session = await DataFolder.OpenAsync(result.GetValue(data)!, workingDirectory, CancellationToken.None);
            var listed = await session.Publisher.ListVersionsAsync(result.GetValue(pathway), result.GetValue(partnership));
            if (listed.Count == 0)
            {
                stdout.WriteLine("No published versions" + Filter(result.GetValue(pathway), result.GetValue(partnership)) + ".");
                return ExitCodes.Success;
            }

            foreach (var group in listed.GroupBy(l => (l.Version.PathwayId, l.Version.Partnership)))
            {
                stdout.WriteLine($"{group.Key.PathwayId} in {group.Key.Partnership}:");
                foreach (var listing in group)
                {
                    Write(stdout, listing);
                }
            }

            return ExitCodes.Success;
        }, stderr));
        return command;
    }

    private static void Write(TextWriter stdout, VersionListing listing)
    {
        var version = listing.Version;
        var status = version.Retraction is { } retraction
            ? $"retracted {Time.Format(retraction.At)} by {retraction.By}: {retraction.Reason}"
            : listing.IsCurrent ? "current: new cases start on it" : "superseded";
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {version.Number,3}  {Time.Format(version.PublishedAt)}  {version.Author}  {CocCommand.Count(listing.RunningInstances, "case")} running  {status}"));
        stdout.WriteLine($"       {version.Note.ReplaceLineEndings(" ")}  ({version.ContentHash})");
    }

    private static string Filter(string? pathway, string? partnership) =>
        (pathway, partnership) switch
        {
            (null, null) => "",
            (_, null) => $" of pathway '{pathway}'",
            (null, _) => $" in '{partnership}'",
            _ => $" of pathway '{pathway}' in '{partnership}'",
        };
}
