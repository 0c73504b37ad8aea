using System.CommandLine;
using ContinuityOfCare.Workflows.Definitions.Export;
using ContinuityOfCare.Workflows.Interop.Fhir;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// <c>coc export --format elsa|fhir</c>: writes a pathway as an Elsa 3 workflow definition, so a
/// partnership can run its protocol on an Elsa server, or as a FHIR R4 PlanDefinition for NHS systems.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The formats <c>coc export</c> writes.</summary>
    public static readonly IReadOnlyList<string> Formats = ["elsa", "fhir"];

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var file = new Argument<string>("file") { Description = "The pathway file to export." };
        var format = new Option<string>("--format")
        {
            Description = "The format to write: 'elsa' (an Elsa 3 workflow definition, JSON) or 'fhir' (a FHIR R4 PlanDefinition, JSON).",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the export to this file instead of the standard output." };
        var version = new Option<int>("--workflow-version")
        {
            Description = "The version number the export carries (the Elsa workflow's version, or the PlanDefinition's).",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("export", "Export a pathway for another system: --format elsa writes an Elsa 3 workflow definition, --format fhir a FHIR R4 PlanDefinition.")
        {
            file, format, output, version,
        };
        command.SetAction(result =>
        {
            var chosen = result.GetValue(format)!;
            if (!Formats.Contains(chosen, StringComparer.Ordinal))
            {
                stderr.WriteLine($"coc: there is no export format '{chosen}'. The formats are: {string.Join(", ", Formats)}.");
                return ExitCodes.Usage;
            }

            var workflowVersion = result.GetValue(version);
            if (workflowVersion < 1)
            {
                stderr.WriteLine($"coc: --workflow-version must be 1 or more, not {workflowVersion}.");
                return ExitCodes.Usage;
            }

            if (!CocCommand.TryCompile(result.GetValue(file)!, workingDirectory, stderr, out var compiled, out var display))
            {
                return compiled is null ? ExitCodes.Usage : ExitCodes.Problems;
            }

            var definition = compiled!.Definition!;
            var (json, what) = chosen == "fhir"
                ? (FhirText.ToJson(PlanDefinitionExporter.Export(definition, compiled.ContentHash!, PlanVersion.Unpublished(workflowVersion))),
                    $"FHIR PlanDefinition '{PlanDefinitionExporter.PlanId(definition.Id, workflowVersion)}' version {workflowVersion}, a draft as a file is not published")
                : (ElsaExporter.Export(definition, compiled.ContentHash!, new ElsaExportOptions(Version: workflowVersion)), $"Elsa workflow '{definition.Id}' version {workflowVersion}");
            CocCommand.Emit(result.GetValue(output), json + "\n", stdout, workingDirectory);
            stderr.WriteLine($"{display}: exported {CocCommand.Count(definition.States.Length, "state")} as {what} (content hash {compiled.ContentHash})");
            return ExitCodes.Success;
        });
        return command;
    }
}
