using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>The figures counted in memory from each case's journal: the reference the stores' own answers are held to.</summary>
public sealed class IndicatorTests() : IndicatorBehaviour(new InMemoryReportStores());

/// <inheritdoc cref="IndicatorTests"/>
public sealed class FunnelTests() : FunnelBehaviour(new InMemoryReportStores())
{
    [Fact]
    public void TheNationalPathwaysFunnelRunsFromReleaseToEngagement()
    {
        var national = Harness.Compile(Path.Combine(Language.Tests.RepositoryPaths.Pathways, "national/custody-to-community.pathway"));

        Assert.Equal(["Released", "Referral", "Appointment", "Attended", "Engaged"], FunnelCalculator.Stages(national));
    }
}

/// <inheritdoc cref="IndicatorTests"/>
public sealed class ComplianceAndTimeInStateTests() : ComplianceAndTimeInStateBehaviour(new InMemoryReportStores());
