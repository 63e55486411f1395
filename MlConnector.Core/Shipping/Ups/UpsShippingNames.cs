namespace MlConnector.Core.Shipping.Ups;

/// <summary>Names the shared UPS shipping piece uses in secrets, settings, schedules and tracking sources.</summary>
public static class UpsShippingNames
{
    /// <summary>The secret purpose of the per-connection Track Alert callback path secret (<c>{connectionId}/ups-trackalert-secret</c>).</summary>
    public const string TrackAlertSecretPurpose = "ups-trackalert-secret";

    /// <summary>
    /// The schedule (and job) name of the Track Alert renewal: <c>Schedules:QboUpsTrackAlertRenewal</c>. The job is shared
    /// by every integration that ships; the name is the deployed app setting and timer schedule from when only qbo-ups
    /// shipped, so it stays.
    /// </summary>
    public const string RenewalJobName = "QboUpsTrackAlertRenewal";

    /// <summary>The schedule (and job) name of the batched tracking poll: <c>Schedules:QboUpsTrackingPoll</c> (deployed name, kept; see <see cref="RenewalJobName"/>).</summary>
    public const string TrackingPollJobName = "QboUpsTrackingPoll";

    /// <summary>The schedule (and job) name of the Quantum View poll: <c>Schedules:UpsQuantumViewPoll</c>.</summary>
    public const string QuantumViewPollJobName = "UpsQuantumViewPoll";

    /// <summary>Connection setting <c>ups.trackingSource</c>: <see cref="SourceTrackAlert"/> (default) or <see cref="SourceQuantumView"/>.</summary>
    public const string TrackingSourceSetting = "trackingSource";

    /// <summary>Connection setting <c>ups.quantumViewSubscription</c>: the Quantum View subscription name to read (all of the account's when absent).</summary>
    public const string QuantumViewSubscriptionSetting = "quantumViewSubscription";

    /// <summary>Tracking source of a UPS Track Alert push.</summary>
    public const string SourceTrackAlert = "trackalert";

    /// <summary>Tracking source of the batched UPS Tracking API poll.</summary>
    public const string SourcePoll = "poll";

    /// <summary>Tracking source of a UPS Quantum View subscription event.</summary>
    public const string SourceQuantumView = "quantumview";
}
