namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A page request for V1 <c>GET /orders</c>.</summary>
/// <param name="ModifyDateStartUtc">Only orders modified at or after this time, UTC (the client converts to Pacific time).</param>
/// <param name="StoreId">Only this store's orders.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Orders per page (ShipStation allows at most 500).</param>
public sealed record ShipStationOrderQuery(DateTimeOffset? ModifyDateStartUtc = null, long? StoreId = null, int Page = 1, int PageSize = 100);
