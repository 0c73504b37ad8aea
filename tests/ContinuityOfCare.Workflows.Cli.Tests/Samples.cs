namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary>Small pathways for the command-line tests.</summary>
public static class Samples
{
    public const string Clean = """
        pathway sample
          title "Sample pathway"
          partnership "Testshire (fictional)"

        agency cjit "Criminal justice drug team"

        start state open "Case opened"
          stage "Custody"
          owner cjit
          on released -> done

        final state done "Done"
          stage "Community"
          owner cjit
          outcome continuity-achieved

        """;

    /// <summary>The same pathway, laid out untidily: it compiles to the same definition.</summary>
    public const string Untidy = """
        pathway   sample
        title "Sample pathway"
        partnership "Testshire (fictional)"
        agency cjit     "Criminal justice drug team"
        start state open "Case opened"
            stage "Custody"
         owner cjit
          on released   ->   done
        final state done "Done" stage "Community" owner cjit outcome continuity-achieved
        """;

    /// <summary>Compiles, with one warning (an agency nobody uses).</summary>
    public const string WithWarning = """
        pathway sample
          title "Sample pathway"
          partnership "Testshire (fictional)"

        agency cjit "Criminal justice drug team"
        agency spare "Nobody"

        start state open "Case opened"
          stage "Custody"
          owner cjit
          on released -> done

        final state done "Done"
          stage "Community"
          owner cjit
          outcome continuity-achieved

        """;

    /// <summary>Two syntax errors: an agency without an id, and an arrow without a target.</summary>
    public const string SyntaxErrors = """
        pathway sample
          title "Sample pathway"
          partnership "Testshire (fictional)"
        agency cjit "Criminal justice drug team"
        agency "no id"
        start state open "Case opened"
          stage "Custody"
          owner cjit
          on released ->
        final state done "Done"
          stage "Community"
          owner cjit
          outcome continuity-achieved

        """;
}
