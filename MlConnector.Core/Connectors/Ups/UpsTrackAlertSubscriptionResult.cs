namespace MlConnector.Core.Connectors.Ups;

/// <summary>What Track Alert accepted.</summary>
/// <param name="Accepted">The tracking numbers subscribed (<c>validTrackingNumbers</c>); each subscription lasts 14 days.</param>
/// <param name="Rejected">The tracking numbers refused (<c>invalidTrackingNumbers</c>).</param>
/// <remarks>Source: contracts/ups/UPSTrackAlert.yaml (<c>PackageSubscriptionSuccessResponse</c>).</remarks>
public sealed record UpsTrackAlertSubscriptionResult(IReadOnlyList<string> Accepted, IReadOnlyList<string> Rejected)
{
    /// <summary>How long a Track Alert subscription lasts (UPSTrackAlert.yaml: 14 days).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromDays(14);
}
