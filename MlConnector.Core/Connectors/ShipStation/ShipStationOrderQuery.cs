namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A page request for V1 <c>GET /orders</c>.</summary>
/// <remarks>
/// Filters and paging: https://docs.shipstation.com/apis/shipstation-v1/openapi/orders/list_orders (<c>modifyDateStart</c>
/// "orders modified after the specified date", <c>storeId</c>, <c>sortBy</c>, <c>sortDir</c>, <c>page</c>, <c>pageSize</c>).
/// </remarks>
/// <param name="ModifyDateStartUtc">Only orders modified at or after this time, UTC (the client converts to Pacific time).</param>
/// <param name="StoreId">Only this store's orders.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Orders per page, at most <see cref="MaxPageSize"/>.</param>
public sealed record ShipStationOrderQuery(DateTimeOffset? ModifyDateStartUtc = null, long? StoreId = null, int Page = 1, int PageSize = 100)
{
    /// <summary>
    /// The largest V1 page (500): the limit ShipStation V1 list calls accept for <c>pageSize</c> (default 100), as
    /// https://docs.shipstation.com/apis/shipstation-v1/openapi/orders/list_orders describes <c>pageSize</c> and as client
    /// schemas of List Orders and List Shipments state ("max 500").
    /// </summary>
    public const int MaxPageSize = 500;
}
