namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>Log messages of the FreshBooks ↔ UPS integration (EventIds 4200–4249). No address, verifier or account number is logged.</summary>
internal static partial class FreshBooksUpsLog
{
    [LoggerMessage(EventId = 4200, EventName = "FreshBooksUpsPollPassed", Level = LogLevel.Information,
        Message = "FreshBooks poll of connection {ConnectionId}: {Invoices} invoices updated since {UpdatedMin}, {Flagged} flagged, {Missed} started that the webhooks missed")]
    public static partial void FreshBooksUpsPollPassed(this ILogger logger, string connectionId, int invoices, DateOnly updatedMin, int flagged, int missed);

    [LoggerMessage(EventId = 4201, EventName = "FreshBooksUpsPollFailed", Level = LogLevel.Error,
        Message = "FreshBooks poll of connection {ConnectionId} failed; its watermark stays")]
    public static partial void FreshBooksUpsPollFailed(this ILogger logger, Exception exception, string connectionId);
}
