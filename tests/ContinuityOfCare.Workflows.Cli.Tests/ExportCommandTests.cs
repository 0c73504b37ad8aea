using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions.Export;
using ContinuityOfCare.Workflows.Interop.Fhir;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

public class ExportCommandTests
{
    private const string National = "pathways/national/custody-to-community.pathway";

    [Fact]
    public void ExportWritesTheElsaWorkflowDefinitionToTheStandardOutput()
    {
        var expected = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Root, National));

        var run = CocRunner.Run(RepositoryPaths.Root, "export", "--format", "elsa", National);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(ElsaExporter.Export(expected.Definition!, expected.ContentHash!) + "\n", run.Output);
        Assert.Equal(
            $"{National}: exported 25 states as Elsa workflow 'custody-to-community' version 1 (content hash {expected.ContentHash})\n",
            run.Error);
    }

    [Fact]
    public void ExportAsFhirWritesThePlanDefinitionAsADraftOfTheVersionAsked()
    {
        var expected = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Root, National));

        var run = CocRunner.Run(RepositoryPaths.Root, "export", "--format", "fhir", National, "--workflow-version", "2");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(FhirText.ToJson(PlanDefinitionExporter.Export(expected.Definition!, expected.ContentHash!, PlanVersion.Unpublished(2))) + "\n", run.Output);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal("PlanDefinition", document.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("draft", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(
            $"{National}: exported 25 states as FHIR PlanDefinition 'custody-to-community-v2' version 2, a draft as a file is not published (content hash {expected.ContentHash})\n",
            run.Error);
    }

    [Fact]
    public void ExportWritesToAFileWithTheVersionAsked()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var run = CocRunner.Run(folder.Path, "export", "sample.pathway", "--format", "elsa", "-o", "sample.elsa.json", "--workflow-version", "4");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Output);
        using var document = JsonDocument.Parse(folder.Read("sample.elsa.json"));
        Assert.Equal("sample", document.RootElement.GetProperty("definitionId").GetString());
        Assert.Equal(4, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("Elsa.Flowchart", document.RootElement.GetProperty("root").GetProperty("type").GetString());
    }

    [Fact]
    public void ExportPrintsTheDiagnosticsAndWritesNothingWhenThePathwayHasErrors()
    {
        using var folder = new TempFolder();
        folder.Write("broken.pathway", Samples.SyntaxErrors);

        var run = CocRunner.Run(folder.Path, "export", "--format", "elsa", "broken.pathway", "-o", "broken.json");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder.Path, "broken.json")));
        Assert.Equal("", run.Output);
        Assert.StartsWith("broken.pathway(5,8): error COC1001: Expected a name but found", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("broken.pathway: 2 errors; nothing written.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFormatIsAUsageError()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var run = CocRunner.Run(folder.Path, "export", "--format", "bpmn", "sample.pathway", "-o", "sample.json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("coc: there is no export format 'bpmn'. The formats are: elsa, fhir.\n", run.Error);
        Assert.False(File.Exists(Path.Combine(folder.Path, "sample.json")));
    }

    [Fact]
    public void AMissingFormatFileOrBadVersionIsAUsageError()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var noFormat = CocRunner.Run(folder.Path, "export", "sample.pathway");
        var noFile = CocRunner.Run(folder.Path, "export", "--format", "elsa", "missing.pathway");
        var badVersion = CocRunner.Run(folder.Path, "export", "--format", "elsa", "sample.pathway", "--workflow-version", "0");

        Assert.Equal(ExitCodes.Usage, noFormat.ExitCode);
        Assert.Contains("--format", noFormat.Error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'coc export --help' to see how to use it.\n", noFormat.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noFile.ExitCode);
        Assert.Equal("coc: 'missing.pathway' is not a file.\n", noFile.Error);
        Assert.Equal(ExitCodes.Usage, badVersion.ExitCode);
        Assert.Equal("coc: --workflow-version must be 1 or more, not 0.\n", badVersion.Error);
        Assert.Equal("", noFormat.Output + noFile.Output + badVersion.Output);
    }
}
