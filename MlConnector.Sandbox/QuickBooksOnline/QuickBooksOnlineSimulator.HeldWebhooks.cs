namespace MlConnector.Sandbox.QuickBooksOnline;

/// <content>Webhook deliveries built now and sent later, again and again (the chaos run).</content>
public sealed partial class QuickBooksOnlineSimulator
{
    /// <summary>
    /// Takes one realm's pending changes (clearing them, as <see cref="SendWebhooksAsync"/> does) and builds their signed
    /// deliveries without sending them; <see cref="RedeliverAsync"/> sends each, as often as the caller likes. Other realms'
    /// pending changes stay pending, so integrations sharing the simulator do not take each other's events.
    /// </summary>
    /// <param name="realmId">The realm whose changes are taken.</param>
    /// <param name="options">Format, signature, drops and events per delivery (<see cref="QboSimulatorWebhookOptions.OneRealmPerDelivery"/> is moot); legacy, signed, nothing dropped when null.</param>
    /// <returns>The deliveries, unsent (<see cref="QboSimulatorWebhookDelivery.StatusCode"/> 0).</returns>
    /// <exception cref="InvalidOperationException">When <see cref="ConfigureWebhooks"/> was not called and a delivery is due.</exception>
    public IReadOnlyList<QboSimulatorWebhookDelivery> TakeWebhookDeliveries(string realmId, QboSimulatorWebhookOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(realmId);
        options ??= new QboSimulatorWebhookOptions();
        List<QboSimulatorChange> pending;
        lock (_lock)
        {
            if (!_realms.TryGetValue(realmId, out var realm))
            {
                return [];
            }

            pending = [.. realm.Pending.OrderBy(c => c.Sequence)];
            realm.Pending.Clear();
        }

        var cloudEvents = options.Format == QboSimulatorWebhookFormat.CloudEvents;
        return [.. pending.Where(c => options.Drop is null || !options.Drop(c)).Chunk(Math.Max(1, options.MaxEventsPerDelivery)).Select(chunk =>
        {
            var body = cloudEvents ? CloudEventsBody(chunk) : LegacyBody(chunk);
            var signature = options.Signature switch
            {
                QboSimulatorWebhookSignature.Valid => Sign(WebhookToken(), body),
                QboSimulatorWebhookSignature.Forged => Sign("forged-" + WebhookToken(), body),
                _ => null,
            };
            return new QboSimulatorWebhookDelivery(options.Format, body, cloudEvents ? "application/cloudevents+json" : "application/json", signature, chunk, 0, string.Empty);
        })];
    }
}
