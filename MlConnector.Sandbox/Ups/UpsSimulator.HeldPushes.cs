namespace MlConnector.Sandbox.Ups;

/// <content>Track Alert pushes held back and sent later, again and again (the chaos run).</content>
public sealed partial class UpsSimulator
{
    /// <summary>The <see cref="UpsTrackAlertPush.Error"/> of a push held by <see cref="HoldTrackAlertPushes"/>.</summary>
    public const string HeldPush = "held";

    /// <summary>
    /// When true, a status change of a subscribed package is recorded as a push (<see cref="UpsTrackAlertPush.StatusCode"/>
    /// null, <see cref="UpsTrackAlertPush.Error"/> <see cref="HeldPush"/>) but not sent; <see cref="PushAgainAsync"/> sends it,
    /// as often as the caller likes. This is how a run delivers one event several times and out of order. Default false.
    /// </summary>
    public bool HoldTrackAlertPushes { get; set; }

    /// <summary>
    /// Sends a recorded push (held or already sent) again, byte for byte, with UPS's headers (<c>User-Agent:
    /// UPSPubSubTrackingService</c>, the configured <c>x-api-key</c>), and records the attempt. It goes to
    /// <paramref name="url"/> when given (several connections share one simulator, each with its own callback), else to the
    /// webhook configured now.
    /// </summary>
    /// <param name="push">A push from <see cref="AdvanceAsync"/>, <see cref="DeliverAsync"/> or <see cref="GetPushes"/>.</param>
    /// <param name="url">The callback to post to; the configured one when null.</param>
    /// <param name="cancellationToken">Cancels the POST.</param>
    /// <returns>The attempt, with the receiver's status or the transport error.</returns>
    /// <exception cref="InvalidOperationException">When no Track Alert webhook is configured.</exception>
    public Task<UpsTrackAlertPush> PushAgainAsync(UpsTrackAlertPush push, Uri? url = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        string? apiKey;
        lock (_lock)
        {
            (url, apiKey) = (url ?? _webhookUrl, _webhookApiKey);
        }

        return url is null || apiKey is null
            ? throw new InvalidOperationException("No Track Alert webhook is configured.")
            : PostPushAsync(push.TrackingNumber, url, apiKey, push.Body, cancellationToken);
    }
}
