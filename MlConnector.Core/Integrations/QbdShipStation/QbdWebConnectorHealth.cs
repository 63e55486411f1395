namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>A <c>qbd-shipstation</c> connection's Web Connector as health and alerts see it (<see cref="QbdWebConnectorHealthContributor"/>).</summary>
/// <param name="LastSeenUtc">When QBWC last called <c>authenticate</c>, UTC; null when it never did.</param>
/// <param name="Silent">True when it has not called for <paramref name="SilentAfterMinutes"/> (a paused connection is never silent).</param>
/// <param name="SilentAfterMinutes">N × the connection's schedule, in minutes (N = <c>Connectors:QuickBooksDesktop:SilenceFactor</c>).</param>
/// <param name="QuickBooksProblem">Why QBWC last could not reach QuickBooks, with what the merchant should do; null when QuickBooks answered since.</param>
/// <param name="QuickBooksProblemUtc">When that was reported, UTC.</param>
public sealed record QbdWebConnectorHealth(DateTimeOffset? LastSeenUtc, bool Silent, double SilentAfterMinutes, string? QuickBooksProblem, DateTimeOffset? QuickBooksProblemUtc);
