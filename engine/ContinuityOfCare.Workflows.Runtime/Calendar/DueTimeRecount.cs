using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>One case whose deadlines or timers moved when the calendar changed, or that could not be worked out again.</summary>
public sealed record RecountedCase(Guid InstanceId, string PrisonNumber, string Calendar, int Moved, string? Refused);

/// <summary>What working the due times out again did: how many cases were looked at, and those that moved or could not.</summary>
public sealed record RecountReport(int CasesChecked, IReadOnlyList<RecountedCase> Cases)
{
    public int Moved => Cases.Sum(c => c.Moved);
}

/// <summary>
/// After newer bank holidays are imported: every active case on a calendar that changed has its
/// current deadlines and timers worked out again with the new calendar (this runtime's), and each
/// due time that moves is rescheduled with a history line saying why.
/// </summary>
public sealed class DueTimeRecount
{
    private readonly RuntimeServices _services;

    internal DueTimeRecount(RuntimeServices services) => _services = services;

    /// <param name="reasons">Why each changed calendar changed, by name (see <see cref="BankHolidayChanges.Between"/>); cases on other calendars are not touched.</param>
    public async Task<RecountReport> RecountAsync(IReadOnlyDictionary<string, string> reasons, CancellationToken cancellationToken = default)
    {
        var checkedCases = 0;
        var cases = new List<RecountedCase>();
        if (reasons.Count == 0)
        {
            return new RecountReport(0, cases);
        }

        foreach (var version in (await _services.Store.CountActiveInstancesAsync(null, cancellationToken)).Keys)
        {
            var definition = await _services.Catalog.FindAsync(version, cancellationToken);
            if (definition is null || !reasons.TryGetValue(definition.Calendar, out var reason))
            {
                continue;
            }

            foreach (var id in await _services.Store.FindActiveInstanceIdsAsync(version, cancellationToken))
            {
                checkedCases++;
                if (await RecountAsync(id, definition.Calendar, reason, cancellationToken) is { } recounted)
                {
                    cases.Add(recounted);
                }
            }
        }

        return new RecountReport(checkedCases, cases);
    }

    private async Task<RecountedCase?> RecountAsync(Guid id, string calendar, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var operation = await Operation.LoadAsync(_services, id, Actor.System, expectedVersion: null, withClosedActions: false, cancellationToken);
            var prisonNumber = operation.Instance.Case.Person.PrisonNumber;
            int moved;
            try
            {
                moved = operation.RecountDueTimes(reason);
            }
            catch (CalendarCannotCountException cannot)
            {
                return new RecountedCase(id, prisonNumber, calendar, 0, cannot.Message);
            }

            if (!operation.HasChanges)
            {
                return null;
            }

            try
            {
                await _services.CommitAsync(operation, cancellationToken);
                return moved > 0 ? new RecountedCase(id, prisonNumber, calendar, moved, null) : null;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Someone changed the case meanwhile: work it out again on the case as it now is.
            }
        }
    }
}
