using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>
/// How a change set, and a delivery's outcome, reach the database: one mechanism per provider
/// (<see cref="PostgreSqlCaseWriter"/>, <see cref="SqliteCaseWriter"/>), both written over the same
/// table descriptions. The store checks the caller's partnership before handing anything over.
/// </summary>
internal interface ICaseWriter
{
    /// <summary>
    /// Writes the whole change set, or nothing: false (and nothing written) when the instance is no
    /// longer at the version the change set expects, or, for a new instance, already exists.
    /// </summary>
    Task<bool> SaveAsync(ChangeSet changes, CancellationToken cancellationToken);

    /// <summary>Writes a delivery attempt's outcome and, when given, its history line (numbered after the case's others), together.</summary>
    Task SaveDeliveryAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken);
}
