namespace MlConnector.Core.Audit;

/// <summary>The audit trail: every vendor call and decision, kept in Table Storage.</summary>
public interface IAuditTrail
{
    /// <summary>Appends one record.</summary>
    /// <param name="record">What happened; never a secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record, with its time and id.</returns>
    Task<AuditRecord> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one row per event: the first record under <paramref name="repeatKey"/> is appended like
    /// <see cref="WriteAsync"/>; every later one only adds 1 to that row's <see cref="AuditRecord.Repeats"/> and sets its
    /// <see cref="AuditRecord.LastSeen"/>, so a vendor (or whoever holds a webhook URL secret) redelivering an event cannot
    /// grow the audit trail. The default implementation appends every record (for trails that cannot update a row).
    /// </summary>
    /// <param name="record">What happened; never a secret.</param>
    /// <param name="repeatKey">What makes two records the same event within the connection, for example the workflow instance id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The first record of the event as stored now (with its repeat count).</returns>
    Task<AuditRecord> WriteOnceAsync(AuditRecord record, string repeatKey, CancellationToken cancellationToken = default) => WriteAsync(record, cancellationToken);

    /// <summary>Reads records newest first.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Matching records, newest first, at most <see cref="AuditQuery.Limit"/>.</returns>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
