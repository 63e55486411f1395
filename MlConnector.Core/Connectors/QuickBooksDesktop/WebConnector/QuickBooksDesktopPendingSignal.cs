namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>An answer signal stored on an outbox row and not yet confirmed raised to its waiting workflow.</summary>
/// <param name="RowKey">The outbox row that holds the answer (for an iterator, its last page).</param>
/// <param name="InstanceId">The waiting workflow instance.</param>
/// <param name="Signal">What to raise to it.</param>
public sealed record QuickBooksDesktopPendingSignal(string RowKey, string InstanceId, QuickBooksDesktopAnswerSignal Signal);
