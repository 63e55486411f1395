namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Log messages of the buyer → QBO customer resolution (EventIds 6120–6129).</summary>
internal static partial class ShipStationQboCustomerLog
{
    [LoggerMessage(EventId = 6120, EventName = "QboCustomerNameTaken", Level = LogLevel.Information, Message = "Connection {ConnectionId}: display name {DisplayName} is taken in QBO (6240, name {Attempt} of {Candidates}); looking the buyer up by key again")]
    public static partial void CustomerNameTaken(this ILogger logger, string connectionId, string displayName, int attempt, int candidates);

    [LoggerMessage(EventId = 6121, EventName = "QboCustomerRaceResolved", Level = LogLevel.Information, Message = "Connection {ConnectionId}: another run created the buyer's QBO customer {CustomerId} first; using it")]
    public static partial void CustomerRaceResolved(this ILogger logger, string connectionId, string customerId);

    [LoggerMessage(EventId = 6122, EventName = "QboCustomerSharedEmail", Level = LogLevel.Warning, Message = "Connection {ConnectionId}: {Count} active QBO customers share the buyer's e-mail; using the oldest, {CustomerId}")]
    public static partial void CustomerSharedEmail(this ILogger logger, string connectionId, int count, string customerId);
}
