namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>One page of a V1 list: <c>{orders|shipments|products: [...], total, page, pages}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="Total">Items in all pages.</param>
/// <param name="Page">This page's number, 1-based.</param>
/// <param name="Pages">How many pages there are.</param>
public sealed record ShipStationPage<T>(IReadOnlyList<T> Items, int Total, int Page, int Pages);
