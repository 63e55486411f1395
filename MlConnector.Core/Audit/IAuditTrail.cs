namespace MlConnector.Core.Audit;

/// <summary>The audit trail: every vendor call and decision, kept in Table Storage.</summary>
public interface IAuditTrail
{
    /// <summary>Appends one record.</summary>
    /// <param name="record">What happened; never a secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored record, with its time and id.</returns>
    Task<AuditRecord> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads records newest first.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Matching records, newest first, at most <see cref="AuditQuery.Limit"/>.</returns>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
