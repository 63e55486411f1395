using MlConnector.Sandbox.ShipStation;

namespace MlConnector.Cli.Chaos;

/// <summary>ShipStation V1 webhook deliveries under chaos, for every integration that hears of ShipStation records by webhook.</summary>
internal static class ChaosShipStationWebhooks
{
    /// <summary>
    /// The deliveries of one webhook (<paramref name="hookType"/> about <paramref name="resource"/>), made one to three
    /// times as ShipStation may deliver a webhook more than once; each sends it once to every subscription of the simulator.
    /// </summary>
    /// <param name="shipStation">The ShipStation account that sends it.</param>
    /// <param name="hookType">ORDER_NOTIFY, SHIP_NOTIFY, ….</param>
    /// <param name="resource">The batch resource URL the webhook carries.</param>
    /// <param name="record">The record (or batch) it announces.</param>
    /// <param name="sequence">The position of the record in creation order.</param>
    /// <param name="random">How many times.</param>
    /// <returns>One to three deliveries.</returns>
    public static IEnumerable<ChaosDelivery> Repeat(ShipStationSimulator shipStation, string hookType, Uri resource, string record, int sequence, Random random)
    {
        ArgumentNullException.ThrowIfNull(shipStation);
        ArgumentNullException.ThrowIfNull(random);
        var times = 1 + random.Next(3);
        for (var i = 0; i < times; i++)
        {
            yield return new ChaosDelivery(record, sequence, async cancellationToken =>
            {
                var results = await shipStation.FireWebhookAsync(hookType, resource, ShipStationWebhookDelivery.Once, cancellationToken);
                return results.Count == 0 ? null : results[0].StatusCode;
            });
        }
    }
}
