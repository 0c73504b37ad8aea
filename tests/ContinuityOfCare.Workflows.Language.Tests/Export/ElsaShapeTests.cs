using System.Text.Json;
using static ContinuityOfCare.Workflows.Language.Tests.Export.ElsaWorkflow;

namespace ContinuityOfCare.Workflows.Language.Tests.Export;

/// <summary>
/// The export has the shape of the workflow definitions Elsa itself commits. The fields below were
/// read from Elsa 3.7.1 (commit c7a97c64129ee5dd502f88240e51b4ffcbf9efc3),
/// <c>test/integration/Elsa.Workflows.IntegrationTests/Scenarios/JoinBehaviors/Workflows/fork-decision-join-waitall.json</c>
/// (written by Elsa Studio 3.6) and <c>…/ImportAndExecute/Workflows/implicit-loop.json</c> (a variable
/// set by <c>Elsa.SetVariable</c>); the fields Elsa fills in itself on import are left out.
/// </summary>
public class ElsaShapeTests
{
    private static readonly string[] ElsaDefinitionFields =
        ["$schema", "createdAt", "customProperties", "definitionId", "description", "id", "inputs", "isLatest", "isPublished", "isReadonly", "isSystem", "name", "options", "outcomes", "outputs", "root", "toolVersion", "variables", "version"];

    private static readonly string[] FilledInByElsa = ["createdAt", "toolVersion"];

    private static readonly string[] ElsaFlowchartFields = ["activities", "connections", "customProperties", "id", "metadata", "nodeId", "type", "variables", "version"];

    private static readonly string[] ElsaActivityFields = ["customProperties", "id", "metadata", "name", "type", "version"];

    private static readonly string[] ElsaVariableFields = ["id", "isArray", "name", "storageDriverTypeName", "typeName", "value"];

    private const string FlowJoinModeType = "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core";

    public static TheoryData<string> ShippedPathways() => ElsaExportSnapshotTests.ShippedPathways();

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void TheDocumentHasExactlyElsasFieldsLessThoseElsaFillsIn(string pathway)
    {
        var workflow = ExportOf(CompileShipped(pathway).Definition!);

        Assert.Equal(ElsaDefinitionFields.Except(FilledInByElsa).Order(), workflow.Root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(ElsaFlowchartFields.Except(["nodeId"]).Order(), workflow.Root.GetProperty("root").EnumerateObject().Select(p => p.Name).Order());
        Assert.All(workflow.Root.GetProperty("variables").EnumerateArray(), v => Assert.Empty(v.EnumerateObject().Select(p => p.Name).Except(ElsaVariableFields)));
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void ActivitiesInputsAndConnectionsAreWrittenAsElsaWritesThem(string pathway)
    {
        var workflow = ExportOf(CompileShipped(pathway).Definition!);

        foreach (var activity in workflow.Activities)
        {
            var fields = activity.EnumerateObject().ToList();
            Assert.Empty(ElsaActivityFields.Except(fields.Select(f => f.Name)));
            Assert.False(activity.GetProperty("customProperties").GetProperty("canStartWorkflow").GetBoolean());
            Assert.Equal(JsonValueKind.Number, activity.GetProperty("metadata").GetProperty("designer").GetProperty("position").GetProperty("x").ValueKind);
            Assert.Equal(1, activity.GetProperty("version").GetInt32());
            foreach (var input in fields.Where(f => !ElsaActivityFields.Contains(f.Name) && f.Name != "variable"))
            {
                Assert.Equal(["expression", "typeName"], input.Value.EnumerateObject().Select(p => p.Name).Order());
                Assert.Equal(["type", "value"], input.Value.GetProperty("expression").EnumerateObject().Select(p => p.Name).Order());
            }
        }

        Assert.All(workflow.Activities.Where(a => TypeOf(a) == "Elsa.FlowJoin"), j => Assert.Equal(FlowJoinModeType, j.GetProperty("mode").GetProperty("typeName").GetString()));
        Assert.All(workflow.Activities.Where(a => TypeOf(a) == "Elsa.FlowDecision"), d => Assert.Equal("Boolean", d.GetProperty("condition").GetProperty("typeName").GetString()));
        using var document = JsonDocument.Parse(workflow.Json);
        Assert.All(document.RootElement.GetProperty("root").GetProperty("connections").EnumerateArray(), c =>
        {
            Assert.Equal(["source", "target", "vertices"], c.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(["activity", "port"], c.GetProperty("source").EnumerateObject().Select(p => p.Name).Order());
        });
    }
}
