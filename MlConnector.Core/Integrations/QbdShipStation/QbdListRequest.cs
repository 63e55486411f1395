namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Queue the customer and item queries for a batch (activity input).</summary>
/// <param name="Batch">The batch.</param>
/// <param name="CustomerRequestId">The CustomerQuery's request id.</param>
/// <param name="ItemRequestId">The ItemQuery's request id.</param>
public sealed record QbdListRequest(QbdOrderBatch Batch, string CustomerRequestId, string ItemRequestId);
