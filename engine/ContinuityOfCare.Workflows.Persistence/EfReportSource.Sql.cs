using System.Data.Common;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>The pieces of SQL every report's statements share.</summary>
public sealed partial class EfReportSource
{
    /// <summary>
    /// The rows of one partnership's pathway (qualified by <paramref name="alias"/>), with the
    /// caller's partnership rule applied as the store applies it to all its own statements; also
    /// adds the period's bounds as <c>@start</c> and <c>@end</c>.
    /// </summary>
    private string Scoped(DbCommand command, ReportQuery query, string alias)
    {
        Add(command, "@partnership", query.Scope.Partnership);
        Add(command, "@pathway", query.Scope.PathwayId);
        Add(command, "@start", Ticks(query.Start));
        Add(command, "@end", Ticks(query.End));
        return $"""{alias}."Partnership" = @partnership AND {alias}."PathwayId" = @pathway{database.Guard.Condition(command, alias)}""";
    }

    /// <summary>The content hashes of the pathway's versions, as a list of parameters.</summary>
    private static string Versions(DbCommand command, ReportQuery query) =>
        string.Join(", ", query.Versions.Keys.Select((v, k) => Add(command, $"@version{k}", v.ContentHash)));

    /// <summary>Rows of values for a <c>VALUES</c> list, each value a parameter named from <paramref name="prefix"/>.</summary>
    private static string Values(DbCommand command, IEnumerable<object[]> rows, string prefix) =>
        string.Join(", ", rows.Select((row, r) => "(" + string.Join(", ", row.Select((value, c) => Add(command, $"@{prefix}{r}_{c}", value))) + ")"));

    /// <summary>Adds a parameter; returns its name for the SQL.</summary>
    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }
}
