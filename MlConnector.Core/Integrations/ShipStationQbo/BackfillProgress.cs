namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// A backfill's progress, kept in the State table (one row per connection, <see cref="ShipStationQboBackfill.ProgressRowKey"/>)
/// after every page, so a resumed run starts at the first page not done and the operator route can report it.
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SinceUtc">The backfill's start time.</param>
/// <param name="PageSize">Orders per page.</param>
/// <param name="PagesDone">Pages dispatched so far (pages 1 to this one).</param>
/// <param name="Pages">Pages ShipStation reported at the last page read.</param>
/// <param name="Orders">Orders read so far.</param>
/// <param name="Started">Orders sent to a workflow so far (batched chunks or their own).</param>
/// <param name="Duplicates">Orders already invoiced or already on their way.</param>
/// <param name="Skipped">Cancelled orders.</param>
/// <param name="Completed">True once the last page is done.</param>
/// <param name="UpdatedUtc">When the row was last written.</param>
public sealed record BackfillProgress(
    string ConnectionId,
    DateTimeOffset SinceUtc,
    int PageSize,
    int PagesDone,
    int Pages,
    int Orders,
    int Started,
    int Duplicates,
    int Skipped,
    bool Completed,
    DateTimeOffset UpdatedUtc);
