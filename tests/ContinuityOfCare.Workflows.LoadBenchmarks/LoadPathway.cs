using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>
/// The pathway the load runs drive. Every transition does what a real one does: it cancels the
/// action and deadline of the state it leaves, opens an action with a working-day deadline (and its
/// timer) in the state it enters, and writes the history lines. A breached deadline escalates with
/// a rendered notification.
/// </summary>
public static class LoadPathway
{
    public const string Partnership = "Loadshire (fictional)";

    public const string Agency = "team";

    public const string WaitingState = "waiting";

    public const string Text = """"
        pathway load
          title "Load"
          partnership "Loadshire (fictional)"

        agency team "Team"
        agency lead "Partnership lead"

        field note: text "Note"

        template overdue "Overdue: {{ action.description }}"
          """
          To {{ recipient.name }}: {{ action.description }} for {{ person.name }} ({{ person.prison_number }}) was due {{ action.due }}.
          """

        start state ping "Ping"
          stage "Load"
          owner team
          action check "Check the record"
            by team within 2 working days
            if missed: notify lead with overdue
          on pong with note -> pong
          on wait -> waiting

        state pong "Pong"
          stage "Load"
          owner team
          action review "Review the record"
            by team within 3 working days
            if missed: notify lead with overdue
          on ping with note -> ping

        state waiting "Waiting"
          stage "Load"
          owner team
          action check "Check the record"
            by team within 1 hours
            if missed: notify lead with overdue
          on done -> done

        final state done "Done"
          stage "Load"
          owner team
          outcome finished
        """";

    public static PathwayDefinition Compile()
    {
        var result = TestCompiler.Compile(Text, "load.pathway");
        return result.Succeeded
            ? result.Definition!
            : throw new InvalidOperationException("The load pathway does not compile:\n" + string.Join('\n', result.Diagnostics));
    }
}
