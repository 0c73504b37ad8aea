using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>A stay a change set opens: the place of its history line in the change set (1, 2, ...), the state, when it began and, if the same change left it again, when.</summary>
internal sealed record OpenedStay(int Place, string State, long EnteredAt, long? LeftAt);

/// <summary>
/// The stays a change set opens and closes, read from its history lines by the runtime's rule for
/// entering a state (<see cref="Release.EnteredState"/>): each entry closes the stay before it.
/// </summary>
internal static class StayChanges
{
    /// <summary>The stays opened, in order; the case's open stay (if any) closes when the first of them begins.</summary>
    public static IReadOnlyList<OpenedStay> Opened(ChangeSet changes)
    {
        var opened = new List<OpenedStay>();
        for (var k = 0; k < changes.History.Count; k++)
        {
            if (Release.EnteredState(changes.History[k].Change) is { } state)
            {
                var at = RowMapping.Ticks(changes.History[k].At);
                if (opened.Count > 0)
                {
                    opened[^1] = opened[^1] with { LeftAt = at };
                }

                opened.Add(new OpenedStay(k + 1, state, at, null));
            }
        }

        return opened;
    }
}
