using System.CommandLine;
using ContinuityOfCare.Workflows.Runtime;
namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc retract</c>: stop new cases starting on a published version; cases running on it carry on.</summary>
internal static class RetractCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var pathway = new Argument<string>("pathway-id") { Description = "The pathway's id, as in its 'pathway' line." };
        var number = new Argument<int>("number") { Description = "The version number to retract." };
        var partnership = new Option<string>("--partnership") { Description = "The partnership the version was published for.", Required = true };
        var author = new Option<string>("--author") { Description = "Who is retracting (recorded with the retraction).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why no new case should start on this version.", Required = true };
        var data = DataFolder.Option();
        var command = new Command(
            "retract",
            "Retract a published version: no new case starts on it; cases already running on it carry on. "
            + "An unknown or already retracted version is refused and nothing is changed (exit 2).")
        {
            pathway, number, partnership, author, reason, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            var (id, partner) = (result.GetValue(pathway)!, result.GetValue(partnership)!);
            await using var session = await DataFolder.OpenAsync(result.GetValue(data)!, workingDirectory, CancellationToken.None);
            try
            {
                var retracted = await session.Publisher.RetractAsync(id, partner, result.GetValue(number), result.GetValue(author)!, result.GetValue(reason)!);
                var listed = await session.Publisher.ListVersionsAsync(id, partner);
                var running = listed.Single(l => l.Version.Number == retracted.Number).RunningInstances;
                var current = listed.FirstOrDefault(l => l.IsCurrent);
                stdout.WriteLine($"Retracted version {retracted.Number} of pathway '{id}' in '{partner}'.");
                stdout.WriteLine(
                    $"{CocCommand.Count(running, "case")} running on it carry on. "
                    + (current is null ? "No version is open to new cases now." : $"New cases start on version {current.Version.Number}."));
                return ExitCodes.Success;
            }
            catch (RuntimeException refused)
            {
                stderr.WriteLine($"coc: {refused.Message}");
                stderr.WriteLine("Nothing was changed.");
                return ExitCodes.Usage;
            }
        }, stderr));
        return command;
    }
}
