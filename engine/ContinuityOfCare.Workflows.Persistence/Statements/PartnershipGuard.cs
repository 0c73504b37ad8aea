using System.Data.Common;
using ContinuityOfCare.Workflows.Runtime;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>
/// The partnership rule for the store's own statements, in one place. EF Core's queries get the rule
/// from the model's query filters (see <see cref="RuntimeDbContext"/>); the statements the store
/// writes itself, for the hot paths EF Core cannot express or batch, get it here: a read is limited
/// in its SQL to the rows the caller may see, and a write is refused before it is sent if its case
/// belongs to a partnership the caller may not see. Engine work (timers, deliveries) sees every
/// partnership and adds nothing to the SQL.
/// </summary>
internal sealed class PartnershipGuard(IPartnershipScope scope, Tables tables)
{
    /// <summary>Whose rows the current work may touch.</summary>
    public PartnershipAccess Access => scope.Current;

    /// <summary>
    /// A condition to append to a <c>WHERE</c> on a table with a <c>"Partnership"</c> column (qualified
    /// by <paramref name="alias"/> when given): empty for every partnership, one partnership by
    /// parameter, or false for nobody.
    /// </summary>
    public string Condition(DbCommand command, string? alias = null)
    {
        var access = scope.Current;
        if (access.Everything)
        {
            return "";
        }

        if (access.Partnership is not { } partnership)
        {
            return " AND 1 = 0";
        }

        var column = tables.Instances["Partnership"];
        if (!command.Parameters.Contains("@scope_partnership"))
        {
            command.Parameters.Add(column.Parameter(command, "@scope_partnership", partnership));
        }

        return $" AND {(alias is null ? column.Sql : $"{alias}.{column.Sql}")} = @scope_partnership";
    }

    /// <summary>
    /// Refuses a write to a case of a partnership the caller may not see, saying only that there is
    /// no such case (as a read would).
    /// </summary>
    public void RequireWritable(string partnership, Guid instanceId)
    {
        if (!scope.Current.Allows(partnership))
        {
            throw new NotFoundException($"There is no case {instanceId}.");
        }
    }
}
