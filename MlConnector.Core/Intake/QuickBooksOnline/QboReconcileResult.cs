namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>What one CDC reconcile pass of a connection found.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SinceUtc">CDC was asked for changes since this time, UTC.</param>
/// <param name="WatermarkUtc">The new watermark, UTC (advanced only after every change was dispatched).</param>
/// <param name="Found">Changes CDC returned.</param>
/// <param name="Started">Changes that started work: the webhooks had missed them.</param>
/// <param name="Duplicates">Changes already dispatched (by a webhook or an earlier pass) or whose work already existed.</param>
/// <param name="Ignored">Changes the handler does not act on.</param>
public sealed record QboReconcileResult(string ConnectionId, DateTimeOffset SinceUtc, DateTimeOffset WatermarkUtc, int Found, int Started, int Duplicates, int Ignored);
