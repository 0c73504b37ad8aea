namespace ContinuityOfCare.Workflows.Language.Tests.Diagnostics;

/// <summary>One small pathway per diagnostic code that triggers it, with where it should be reported.</summary>
public static class DiagnosticExamples
{
    /// <summary>A valid pathway body that examples add to or alter.</summary>
    public const string Header = """
        pathway sample
          title "Sample"
          partnership "Testshire"

        agency cjit "Criminal justice drug team"
        agency carats "Psychosocial team"

        """;

    public const string States = """
        start state custody "In custody"
          stage "Custody"
          owner carats
          on released -> community

        final state community "Released"
          stage "Released"
          owner cjit
          outcome released

        """;

    /// <summary>A local protocol's header: changes to the shipped national pathway, version 1.</summary>
    public const string BasedOn = """
        pathway sample
          title "Sample"
          partnership "Testshire"
          based on custody-to-community version 1

        """;

    /// <summary>Code, pathway text, and the line and column where the diagnostic starts.</summary>
    public static TheoryData<string, string, int, int> All => new()
    {
        { "COC1001", Header + "agency probation\n" + States, 7, 17 },
        { "COC1002", Header + "agency probation \"Probation\n" + States, 7, 18 },
        { "COC1003", Header + "template t \"Subject\"\n  \"\"\"\n  Hello\n" + States, 8, 3 },
        { "COC1004", Header + "agenci probation \"Probation\"\n" + States, 7, 1 },
        { "COC1005", Header + States.Replace("  owner carats\n", "  ownr carats\n"), 9, 3 },
        { "COC1006", Header + "field released-on: date\n" + States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats within 24 hours or by 25:00 next working day\n"), 11, 54 },
        { "COC1007", Header + States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats within 0 days\n"), 10, 39 },
        { "COC1008", Header + "field seen: date\n" + States.Replace("on released", "on released when seen > 2026-02-30"), 11, 27 },
        { "COC2001", "agency cjit \"CJIT\"\n", 1, 1 },
        { "COC2002", Header + "pathway again\n" + States, 7, 9 },
        { "COC2003", "pathway sample\n  title \"Sample\"\n\nagency cjit \"CJIT\"\nagency carats \"Carats\"\n" + States, 1, 9 },
        { "COC2004", Header.Replace("  title \"Sample\"\n", "  title \"Sample\"\n  title \"Again\"\n") + States, 3, 3 },
        { "COC2005", Header.Replace("  title \"Sample\"\n", "  title \"Sample\"\n  time zone Europe/Londn\n") + States, 3, 13 },
        { "COC2006", Header.Replace("  title \"Sample\"\n", "  title \"Sample\"\n  calendar england\n") + States, 3, 12 },
        { "COC2007", Header + "agency cjit \"Again\"\n" + States, 7, 8 },
        { "COC2008", Header + States.Replace("  owner cjit\n", "  owner cjit2\n"), 14, 9 },
        { "COC2009", Header + States.Replace("-> community", "-> comunity"), 10, 18 },
        { "COC2010", Header + States.Replace("on released", "on released when seen is set"), 10, 20 },
        { "COC2011", Header + States.Replace("on released -> community", "on released -> community\n    notify cjit with alert"), 11, 22 },
        { "COC2012", Header + States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats within 3 days of referal\n"), 10, 49 },
        { "COC2013", Header + States.Replace("start state", "state"), 7, 7 },
        { "COC2014", Header + States.Replace("final state", "start state").Replace("  outcome released\n", "  on back -> custody\n"), 12, 13 },
        { "COC2015", Header + States.Replace("final state", "state").Replace("  outcome released\n", "  on back -> custody\n"), 1, 9 },
        { "COC2016", Header + States + "state limbo \"Limbo\"\n  stage \"Limbo\"\n  owner cjit\n  on out -> community\n", 16, 7 },
        { "COC2017", Header + States.Replace("on released -> community", "on released -> community\n  on held -> limbo") + "state limbo \"Limbo\"\n  stage \"Limbo\"\n  owner cjit\n", 17, 7 },
        { "COC2018", Header + States.Replace("  outcome released\n", "  outcome released\n  on back -> custody\n"), 16, 6 },
        { "COC2019", Header + States.Replace("  outcome released\n", ""), 12, 13 },
        { "COC2020", Header + States.Replace("  owner carats\n", "  owner carats\n  outcome early\n"), 10, 3 },
        { "COC2021", Header + States.Replace("  owner carats\n", ""), 7, 13 },
        { "COC2022", Header + States.Replace("  stage \"Custody\"\n", ""), 7, 13 },
        { "COC2023", Header + States.Replace("  owner carats\n", "  owner carats\n  owner cjit\n"), 10, 3 },
        { "COC2024", Header + "field risk: yes/no\n" + States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats 6 weeks before risk\n"), 11, 47 },
        { "COC2025", Header + "field risk: yes/no\n" + States.Replace("on released", "on released when risk = 3"), 11, 27 },
        { "COC2026", Header + "field risk: yes/no\n" + States.Replace("on released -> community", "on released -> community\n    set risk = \"high\""), 12, 16 },
        { "COC2027", Header + "template alert \"Alert\"\n  \"\"\"\n  {{ if }}\n  \"\"\"\n" + States.Replace("on released -> community", "on released -> community\n    notify cjit with alert"), 9, 9 },
        { "COC2028", Header + "template alert \"Alert\"\n  \"\"\"\n  Hello {{ persn.name }}\n  \"\"\"\n" + States.Replace("on released -> community", "on released -> community\n    notify cjit with alert"), 9, 12 },
        { "COC2029", Header + "template alert \"Alert\" from \"no-such-file.sbn\"\n" + States.Replace("on released -> community", "on released -> community\n    notify cjit with alert"), 7, 29 },
        { "COC2030", Header + States.Replace("on released -> community", "on released -> community\n  on released -> custody"), 11, 6 },
        { "COC2031", Header + States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats within 2 working days or by 09:00 next working day\n"), 10, 60 },
        { "COC2032", Header + "agency probation \"Probation\"\n" + States, 7, 8 },
        { "COC2033", Header + "field released: date\n" + States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats within 3 days of released\n"), 11, 49 },
        { "COC2034", Header + States.Replace("final state community \"Released\"", "final state community (was custody) \"Released\""), 12, 28 },
        { "COC2035", Header + "report\n  release on released\nreport\n  release on released\n" + States, 9, 1 },
        { "COC2036", Header + "report\n  release on releasd\n" + States, 8, 14 },
        { "COC2037", Header + "report\n  continuity engaged\n" + States, 8, 14 },
        { "COC2038", Header + "report\n  funnel \"Releasd\"\n" + States, 8, 10 },
        { "COC2039", Header + "report\n  continuity released within 3 working days\n" + States, 8, 30 },
        { "COC2040", Header + "report\n  continuity released\n  exclude released \"Gone\"\n" + States, 9, 11 },
        { "COC2041", BasedOn.Replace("custody-to-community", "custody-to-communty"), 4, 12 },
        { "COC2042", BasedOn.Replace("version 1", "version 7"), 4, 41 },
        { "COC2043", BasedOn + "change state pre-release\n  remove action no-such-action\n", 6, 17 },
        { "COC2044", BasedOn + "add agency cjit \"CJIT\"\n", 5, 1 },
        { "COC2045", BasedOn + "rename agency cjit \"CJIT\"\nremove agency cjit\n", 6, 15 },
        { "COC2046", BasedOn + "remove state died\n", 5, 14 },
        { "COC2047", Header + "remove agency carats\n" + States, 7, 1 },
    };
}
