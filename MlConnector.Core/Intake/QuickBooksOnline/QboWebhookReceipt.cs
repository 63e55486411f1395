namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>What became of a QBO webhook delivery's events when it was dispatched (logged by <see cref="QboWebhookApi.DispatchAsync"/>).</summary>
/// <param name="Events">Events in the delivery.</param>
/// <param name="Started">Dispatches that started work.</param>
/// <param name="Duplicates">Dispatches suppressed as redeliveries, or whose work already existed.</param>
/// <param name="Ignored">Changes no handler acts on (entity or operation not of interest, or no QBO integration on the connection).</param>
/// <param name="Unrouted">Events for realms no connection serves (audited under <see cref="QboEventsNames.UnroutedAuditPartition"/>).</param>
/// <param name="Paused">Dispatches to paused connections (also counted as started or duplicates): their workflows are held until the connection resumes.</param>
/// <param name="Failed">Dispatches that failed (audited; CDC reconciliation dispatches them again).</param>
public sealed record QboWebhookReceipt(int Events, int Started, int Duplicates, int Ignored, int Unrouted, int Paused, int Failed);
