namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>An inventory reconciliation of a connection (workflow and activity input).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="RequestId">The ItemInventoryQuery's request id (set by the workflow).</param>
public sealed record QbdInventoryRequest(string ConnectionId, string? RequestId = null);
