namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>A small pathway made to exercise the runtime's rules: refusals, permissions, guards, consent, deadlines, caseloads.</summary>
public static class RulesPathway
{
    public const string Text = """"
        pathway rules
          title "Rules"
          partnership "Testshire (fictional)"

        agency prison "Prison team"
        agency community "Community team"

        field release-date: date "Release date"
        field score: number "Score"
        field note: text "Note"

        template told "Told"
          """
          {{ person.name }}: {{ event.id }}
          """

        template broken "Too long to render"
          """
          {{ string.repeat "x" 1000000 }}
          """

        start state custody "In custody"
          stage "Custody"
          owner prison
          action plan "Plan the release"
            by prison 2 weeks before release-date
            if missed: notify community with told
          action check "Check the record"
            by community within 2 hours
          on release-date-set with release-date
          on scored with score when score >= 10 -> high
          on scored with score when score < 10 -> low
          on noted with note
          on told-community
            notify community with told
          on urgent
            notify community with told without consent
          on render-fails
            notify community with broken
          on released by prison, community -> out

        state high "High need"
          stage "Custody"
          owner prison
          on released by prison, community -> out

        state low "Low need"
          stage "Custody"
          owner prison
          on released by prison, community -> out

        final state out "Released"
          stage "Community"
          owner community
          outcome continuity-achieved
        """";
}
