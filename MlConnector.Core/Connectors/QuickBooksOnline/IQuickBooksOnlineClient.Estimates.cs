namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Estimate reads and writes (Estimate entity: contracts/quickbooks-online/xsd/Finance.xsd).</summary>
public partial interface IQuickBooksOnlineClient
{
    /// <summary>
    /// Finds estimates by DocNumber (<c>select * from Estimate where DocNumber = '…'</c>), keeping those
    /// <paramref name="filter"/> accepts; the oldest when several match.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="docNumber">The estimate number (QBO allows 21 characters).</param>
    /// <param name="filter">Narrows the match, for example by a marker in <c>PrivateNote</c>; null keeps all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The estimate, or null.</returns>
    Task<QboEstimate?> FindEstimateByDocNumberAsync(string connectionId, string docNumber, Func<QboEstimate, bool>? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an estimate (<c>GET …/estimate/{id}</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="estimateId">The Estimate Id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The estimate, or null when QBO answers Object Not Found.</returns>
    Task<QboEstimate?> GetEstimateAsync(string connectionId, string estimateId, CancellationToken cancellationToken = default);

    /// <summary>Creates an estimate (<c>POST …/estimate?requestid=…</c>); a repeated <paramref name="requestId"/> returns the first one.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="estimate">The estimate, without an Id.</param>
    /// <param name="requestId">The idempotency key (at most 50 characters), the same for every retry of this create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created estimate.</returns>
    Task<QboEstimate> CreateEstimateAsync(string connectionId, QboEstimate estimate, string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates an estimate with a sparse update built from the current one (read first for its <c>SyncToken</c>; on a
    /// stale-object error read and build once more). Sent lines replace all lines.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="estimateId">The estimate.</param>
    /// <param name="buildUpdate">Builds the change from the current estimate; fields left null are not sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated estimate.</returns>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when still stale after one retry;
    /// <see cref="Errors.ErrorKind.NotFound"/> when the estimate no longer exists.</exception>
    Task<QboEstimate> UpdateEstimateAsync(string connectionId, string estimateId, Func<QboEstimate, QboEstimateUpdate> buildUpdate, CancellationToken cancellationToken = default);
}
