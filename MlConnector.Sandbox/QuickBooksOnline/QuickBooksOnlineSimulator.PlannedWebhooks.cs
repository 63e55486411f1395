namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>Webhook deliveries built now and sent later, for a bench that decides when, how often and in what order.</summary>
public sealed partial class QuickBooksOnlineSimulator
{
    /// <summary>
    /// Takes one realm's pending changes that <paramref name="select"/> accepts out of the pending list (other realms' and
    /// the rest stay pending) and builds their signed legacy-format deliveries without sending them; send each with
    /// <see cref="RedeliverAsync"/>, as often as the bench wants (Intuit may deliver a notification more than once).
    /// </summary>
    /// <param name="realmId">The company.</param>
    /// <param name="select">Which pending changes to take, for example <c>c =&gt; c.EntityName == "Invoice"</c>.</param>
    /// <param name="maxEventsPerDelivery">Events per delivery at most (default 100, CloudEvents' maximum, PROTOCOL-NOTES.md §2).</param>
    /// <returns>The unsent deliveries (<c>StatusCode</c> 0), oldest changes first.</returns>
    /// <exception cref="InvalidOperationException">When <see cref="ConfigureWebhooks"/> was not called.</exception>
    public IReadOnlyList<QboSimulatorWebhookDelivery> TakeWebhookDeliveries(string realmId, Func<QboSimulatorChange, bool> select, int maxEventsPerDelivery = 100)
    {
        ArgumentException.ThrowIfNullOrEmpty(realmId);
        ArgumentNullException.ThrowIfNull(select);
        List<QboSimulatorChange> taken;
        lock (_lock)
        {
            if (!_realms.TryGetValue(realmId, out var realm))
            {
                return [];
            }

            taken = [.. realm.Pending.Where(select).OrderBy(c => c.Sequence)];
            var set = taken.ToHashSet();
            realm.Pending.RemoveAll(set.Contains);
        }

        var token = WebhookToken();
        return [.. taken.Chunk(Math.Max(1, maxEventsPerDelivery)).Select(chunk =>
        {
            var body = LegacyBody(chunk);
            return new QboSimulatorWebhookDelivery(QboSimulatorWebhookFormat.Legacy, body, "application/json", Sign(token, body), chunk, 0, string.Empty);
        })];
    }
}
