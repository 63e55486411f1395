namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Log messages of the batched ShipStation → QBO path (EventIds 6130–6139).</summary>
internal static partial class ShipStationQboBatchLog
{
    [LoggerMessage(EventId = 6130, EventName = "QboOrderChunkSynced", Level = LogLevel.Information, Message = "Connection {ConnectionId}: chunk of {Orders} orders: {Created} invoices created, {Existing} already invoiced, {Skipped} skipped, {Busy} being written by another run, {Failed} failed")]
    public static partial void OrderChunkSynced(this ILogger logger, string connectionId, int orders, int created, int existing, int skipped, int busy, int failed);

    [LoggerMessage(EventId = 6131, EventName = "QboBatchOutcomeUnknown", Level = LogLevel.Warning, Message = "Connection {ConnectionId}: a QBO batch failed without a usable answer (attempt {Attempt} of {MaxAttempts}, {Kind}); checking what it committed by DocNumber and e-mail before sending the rest again")]
    public static partial void BatchOutcomeUnknown(this ILogger logger, string connectionId, int attempt, int maxAttempts, Errors.ErrorKind kind, Exception exception);

    [LoggerMessage(EventId = 6132, EventName = "QboBatchOrderFailed", Level = LogLevel.Warning, Message = "Connection {ConnectionId}: order {OrderNumber} failed in its batch ({Kind}); handed to its own workflow for a visible, replayable failure")]
    public static partial void BatchOrderFailed(this ILogger logger, string connectionId, string orderNumber, Errors.ErrorKind? kind);

    [LoggerMessage(EventId = 6133, EventName = "QboShipmentChunkApplied", Level = LogLevel.Information, Message = "Connection {ConnectionId}: chunk of {Shipments} shipments: {Applied} applied, {Already} already on their invoices, {Deferred} handed to their own workflows")]
    public static partial void ShipmentChunkApplied(this ILogger logger, string connectionId, int shipments, int applied, int already, int deferred);

    [LoggerMessage(EventId = 6134, EventName = "QboCustomerCreatePathChosen", Level = LogLevel.Debug, Message = "Connection {ConnectionId}: creating {Customers} new customers by {Path} (request budget left {Requests}, batch budget left {Batches})")]
    public static partial void CustomerCreatePathChosen(this ILogger logger, string connectionId, int customers, string path, int requests, int batches);
}
