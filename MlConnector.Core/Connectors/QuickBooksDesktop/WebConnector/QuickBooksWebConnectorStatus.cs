namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>A connection's Web Connector as last seen (see <see cref="QuickBooksWebConnectorPresence"/>).</summary>
/// <param name="LastSeenUtc">When QBWC last authenticated, UTC; null when it never did.</param>
/// <param name="QuickBooksProblem">Why QBWC last could not reach QuickBooks, with what the merchant should do; null when QuickBooks answered since.</param>
/// <param name="QuickBooksProblemUtc">When that was reported, UTC.</param>
public sealed record QuickBooksWebConnectorStatus(DateTimeOffset? LastSeenUtc, string? QuickBooksProblem, DateTimeOffset? QuickBooksProblemUtc);
