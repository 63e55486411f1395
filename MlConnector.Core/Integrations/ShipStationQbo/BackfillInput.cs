namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The input of <see cref="Workflows.ShipStationQboBackfillWorkflow"/>, and of one of its pages.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SinceUtc">Orders modified since this time (ShipStation V1 <c>modifyDateStart</c>).</param>
/// <param name="PageSize">Orders per ShipStation page; at most 500 (V1's largest page).</param>
/// <param name="Page">
/// The 1-based page, for one page's activity. For the workflow: 0 to start where the stored progress stops, n for a run
/// that continued as new (<see cref="Workflows.ShipStationQboBackfillWorkflow.PagesPerRun"/>) and starts at page n.
/// </param>
/// <param name="Continued">How many times the workflow has continued as new so far; 0 for its first run.</param>
public sealed record BackfillInput(string ConnectionId, DateTimeOffset SinceUtc, int PageSize = Connectors.ShipStation.ShipStationOrderQuery.MaxPageSize, int Page = 0, int Continued = 0);
