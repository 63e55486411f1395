namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The input of <see cref="Workflows.ShipStationQboBackfillWorkflow"/>, and of one of its pages.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SinceUtc">Orders modified since this time (ShipStation V1 <c>modifyDateStart</c>).</param>
/// <param name="PageSize">Orders per ShipStation page; at most 500 (V1's largest page).</param>
/// <param name="Page">The 1-based page, for one page's activity; 0 for the whole run.</param>
public sealed record BackfillInput(string ConnectionId, DateTimeOffset SinceUtc, int PageSize = Connectors.ShipStation.ShipStationOrderQuery.MaxPageSize, int Page = 0);
