using MlConnector.Core.Connectors.QuickBooksOnline.Wire;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Estimate reads and writes, on the client's shared read, create, sparse-update and DocNumber-query paths.</summary>
public sealed partial class QuickBooksOnlineClient
{
    /// <inheritdoc />
    public async Task<QboEstimate?> FindEstimateByDocNumberAsync(string connectionId, string docNumber, Func<QboEstimate, bool>? filter = null, CancellationToken cancellationToken = default) =>
        await FindByDocNumberAsync(connectionId, Entities.Estimate, docNumber, q => q.Estimate, filter, cancellationToken);

    /// <inheritdoc />
    public async Task<QboEstimate?> GetEstimateAsync(string connectionId, string estimateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(estimateId);
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await ReadEntityAsync(company, Entities.Estimate, estimateId, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When the estimate has an Id, or <paramref name="requestId"/> is empty or too long.</exception>
    public async Task<QboEstimate> CreateEstimateAsync(string connectionId, QboEstimate estimate, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return await CreateEntityAsync(connectionId, Entities.Estimate, estimate, estimate.Id, requestId, QuickBooksOnlineJsonContext.Default.QboEstimate, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboEstimate> UpdateEstimateAsync(string connectionId, string estimateId, Func<QboEstimate, QboEstimateUpdate> buildUpdate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buildUpdate);
        return await SparseUpdateAsync(
            connectionId,
            Entities.Estimate,
            estimateId,
            buildUpdate,
            update => update is { Line: null, TxnStatus: null, PrivateNote: null, TxnDate: null },
            (current, syncToken, update) => new EstimateSparseUpdateWire
            {
                Id = current.Id ?? estimateId,
                SyncToken = syncToken,
                Line = update.Line,
                TxnStatus = update.TxnStatus,
                PrivateNote = update.PrivateNote,
                TxnDate = update.TxnDate,
            },
            QuickBooksOnlineJsonContext.Default.EstimateSparseUpdateWire,
            cancellationToken);
    }
}
