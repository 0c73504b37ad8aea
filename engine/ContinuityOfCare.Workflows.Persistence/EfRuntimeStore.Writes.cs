using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The store's writes: each change set in one transaction (one statement on PostgreSQL), and each
/// delivery outcome with its history line, through the database's writer for its provider
/// (see <see cref="Statements.ICaseWriter"/>). A caller confined to one partnership cannot write
/// another's case: the write is refused before anything is sent, as if there were no such case.
/// </summary>
public sealed partial class EfRuntimeStore
{
    public async Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        if (changes.History.FirstOrDefault(h => h.InstanceId != changes.Instance.Id) is { } stray)
        {
            throw new ArgumentException($"A change set holds history for case {stray.InstanceId}, not only for its own case {changes.Instance.Id}.", nameof(changes));
        }

        database.Guard.RequireWritable(changes.Instance.Case.Partnership, changes.Instance.Id);
        if (!await database.Writer.SaveAsync(changes, cancellationToken))
        {
            // Nothing was written: someone changed the case first (or started it twice). Say how it is now.
            throw new ConcurrencyConflictException(await FindInstanceAsync(changes.Instance.Id, CancellationToken.None) ?? changes.Instance);
        }
    }

    public async Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default)
    {
        database.Guard.RequireWritable(message.Partnership, message.InstanceId);
        await database.Writer.SaveDeliveryAsync(message, history, cancellationToken);
    }
}
