using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Queries;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Timers;

namespace ContinuityOfCare.Workflows.Runtime;

/// <summary>
/// The engine, in its parts: <see cref="Cases"/> (what people do to a case), <see cref="Queries"/>
/// (reading cases and caseloads), <see cref="Timers"/> (firing what falls due) and
/// <see cref="Migrations"/> (moving running cases onto another version). Everything the server,
/// the command line and the simulator do to a case goes through one of them; each change is one
/// change set, committed whole or not at all. The engine reads time from the clock it is given and
/// knows its store and scheduler only through their interfaces.
/// </summary>
public sealed class PathwayRuntime
{
    public PathwayRuntime(
        IDefinitionCatalog catalog,
        IRuntimeStore store,
        ITimerScheduler scheduler,
        DeadlineCalculator deadlines,
        INotificationRenderer renderer,
        TimeProvider clock,
        RuntimeMetrics? metrics = null)
    {
        var services = new RuntimeServices(catalog, store, scheduler, deadlines, renderer, clock, metrics);
        Cases = new CaseCommands(services);
        Queries = new CaseQueries(services);
        Timers = new TimerSweeper(services);
        Migrations = new CaseMigrator(services);
        Recount = new DueTimeRecount(services);
    }

    public CaseCommands Cases { get; }

    public CaseQueries Queries { get; }

    public TimerSweeper Timers { get; }

    public CaseMigrator Migrations { get; }

    /// <summary>Works out due times again after newer bank holidays are imported.</summary>
    public DueTimeRecount Recount { get; }
}
