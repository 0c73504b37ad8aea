using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;

namespace ContinuityOfCare.Workflows.Language.Tests.Export;

/// <summary>An exported Elsa workflow read back from its JSON text, for tests that walk the flowchart.</summary>
public sealed class ElsaWorkflow
{
    private ElsaWorkflow(string json)
    {
        Json = json;
        Root = JsonDocument.Parse(json).RootElement;
        var flowchart = Root.GetProperty("root");
        Activities = flowchart.GetProperty("activities").EnumerateArray().ToList();
        Connections = flowchart.GetProperty("connections").EnumerateArray()
            .Select(c => new Connection(
                c.GetProperty("source").GetProperty("activity").GetString()!,
                c.GetProperty("source").GetProperty("port").GetString()!,
                c.GetProperty("target").GetProperty("activity").GetString()!,
                c.GetProperty("target").GetProperty("port").GetString()!))
            .ToList();
    }

    public string Json { get; }

    public JsonElement Root { get; }

    public IReadOnlyList<JsonElement> Activities { get; }

    public IReadOnlyList<Connection> Connections { get; }

    public static ElsaWorkflow ExportOf(PathwayDefinition definition, ElsaExportOptions? options = null) =>
        new(ElsaExporter.Export(definition, DefinitionJson.ContentHash(definition), options));

    public static ElsaWorkflow ExportOf(string pathwaySource)
    {
        var compiled = TestCompiler.Compile(pathwaySource, "sample.pathway");
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics.Select(d => d.Message)));
        return ExportOf(compiled.Definition!);
    }

    public static CompilationResult CompileShipped(string relativePath) =>
        TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, relativePath));

    public JsonElement Activity(string id)
    {
        var found = Activities.Where(a => a.GetProperty("id").GetString() == id).ToList();
        Assert.True(found.Count == 1, $"Expected one activity '{id}', found {found.Count}.");
        return found[0];
    }

    public static string TypeOf(JsonElement activity) => activity.GetProperty("type").GetString()!;

    /// <summary>Where the activities passed on a walk move the case: the target of its move, or null when it stays.</summary>
    public static string? MovesTo(IEnumerable<JsonElement> passed) =>
        passed.Where(a => TypeOf(a) == "Elsa.SetVariable" && a.GetProperty("variable").GetProperty("name").GetString() == ElsaExporter.StateVariable)
            .Select(a => Input(a, "value")).SingleOrDefault();

    /// <summary>The value of a Literal or expression input.</summary>
    public static string Input(JsonElement activity, string name) =>
        activity.GetProperty(name).GetProperty("expression").GetProperty("value").GetString()!;

    public static JsonElement Custom(JsonElement activity) =>
        activity.GetProperty("customProperties").GetProperty(ElsaExporter.PropertyKey);

    /// <summary>The one activity a port leads to.</summary>
    public string Next(string activity, string port)
    {
        var targets = Connections.Where(c => c.Source == activity && c.SourcePort == port).ToList();
        Assert.True(targets.Count == 1, $"Expected one connection from {activity}:{port}, found {targets.Count}.");
        return targets[0].Target;
    }

    /// <summary>
    /// Follows a port through single-exit activities (the effects and the move) until it reaches a
    /// join (a state's way out); returns the activities passed on the way and the join it ended at.
    /// </summary>
    public (List<JsonElement> Passed, string End) Walk(string activity, string port)
    {
        var passed = new List<JsonElement>();
        var current = Next(activity, port);
        while (TypeOf(Activity(current)) != "Elsa.FlowJoin")
        {
            passed.Add(Activity(current));
            Assert.True(passed.Count < 50, "The walk does not end.");
            current = Next(current, "Done");
        }

        return (passed, current);
    }

    public sealed record Connection(string Source, string SourcePort, string Target, string TargetPort);
}
