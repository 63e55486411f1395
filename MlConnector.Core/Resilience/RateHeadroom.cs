namespace MlConnector.Core.Resilience;

/// <summary>A vendor's own report of the rate budget left on a key (ShipStation V1: <c>X-Rate-Limit-*</c> on every response).</summary>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="Limit">Requests allowed per window, when the vendor said.</param>
/// <param name="ResetIn">Time until the window resets, when the vendor said.</param>
/// <param name="ObservedUtc">When the response carrying it arrived.</param>
public sealed record RateHeadroom(int Remaining, int? Limit, TimeSpan? ResetIn, DateTimeOffset ObservedUtc);
