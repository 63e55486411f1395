namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Log messages of the UPS connector (EventIds 5000–5049). No token, shipper number, label image or address is ever
/// logged: only the connection, the operation, UPS's status and counts. Successful calls are logged by
/// <see cref="ConnectorHttp"/> (EventId 5000 is retired with the client's own send).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "UpsAccessTokenRefused", Level = LogLevel.Information,
        Message = "UPS refused the access token of connection {ConnectionId} (401); renewing it once")]
    public static partial void UpsAccessTokenRefused(this ILogger logger, string connectionId);

    [LoggerMessage(EventId = 5002, EventName = "UpsShipperNumberMissing", Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} has no UPS shipper number (secret {SecretPurpose}) in the secret store")]
    public static partial void UpsShipperNumberMissing(this ILogger logger, string connectionId, string secretPurpose);

    [LoggerMessage(EventId = 5003, EventName = "UpsAddressValidated", Level = LogLevel.Information,
        Message = "UPS address validation for connection {ConnectionId}: {Classification} with {CandidateCount} candidate(s)")]
    public static partial void UpsAddressValidated(this ILogger logger, string connectionId, UpsAddressClassification classification, int candidateCount);

    [LoggerMessage(EventId = 5004, EventName = "UpsShipmentCreated", Level = LogLevel.Information,
        Message = "UPS shipment {ShipmentIdentificationNumber} created for connection {ConnectionId} with {PackageCount} package(s)")]
    public static partial void UpsShipmentCreated(this ILogger logger, string shipmentIdentificationNumber, string connectionId, int packageCount);

    [LoggerMessage(EventId = 5005, EventName = "UpsShipmentVoided", Level = LogLevel.Information,
        Message = "UPS shipment {ShipmentIdentificationNumber} voided for connection {ConnectionId}")]
    public static partial void UpsShipmentVoided(this ILogger logger, string shipmentIdentificationNumber, string connectionId);

    [LoggerMessage(EventId = 5006, EventName = "UpsTrackingNumberUnknown", Level = LogLevel.Information,
        Message = "UPS has no tracking information for {TrackingNumber} (connection {ConnectionId})")]
    public static partial void UpsTrackingNumberUnknown(this ILogger logger, string trackingNumber, string connectionId);

    [LoggerMessage(EventId = 5007, EventName = "UpsTrackAlertSubscribed", Level = LogLevel.Information,
        Message = "UPS Track Alert for connection {ConnectionId}: {Accepted} number(s) subscribed, {Rejected} refused, in {Requests} request(s)")]
    public static partial void UpsTrackAlertSubscribed(this ILogger logger, string connectionId, int accepted, int rejected, int requests);

    [LoggerMessage(EventId = 5008, EventName = "UpsReferenceTracked", Level = LogLevel.Information,
        Message = "UPS tracking by reference for connection {ConnectionId} found {PackageCount} package(s)")]
    public static partial void UpsReferenceTracked(this ILogger logger, string connectionId, int packageCount);
}
