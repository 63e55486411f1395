namespace MlConnector.Core.Shipping.Ups;

/// <summary>What a Track Alert subscription call achieved.</summary>
/// <param name="Accepted">How many numbers UPS subscribed.</param>
/// <param name="Rejected">How many it refused.</param>
/// <param name="SubscribedUntilUtc">When the new subscriptions expire (UTC), if any were accepted.</param>
/// <param name="Error">Why the call failed, when it did; the renewal job tries again.</param>
public sealed record TrackAlertResult(int Accepted, int Rejected, DateTimeOffset? SubscribedUntilUtc, string? Error = null);
