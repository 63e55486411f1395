using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Reads the order a shipment belongs to (fetching it from ShipStation V1 <c>GET /orders/{orderId}</c> when the order was
/// never seen, for example a missed ORDER_NOTIFY), the connection's posting settings and the amount QuickBooks should hold for it.
/// </summary>
/// <param name="orders">The order store.</param>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="connections">The connection store.</param>
public sealed class QbdReadOrderActivity(QbdOrderStore orders, IShipStationClient shipStation, IConnectionStore connections) : IWorkflowActivity<QbdShipmentRef, QbdOrderState>
{
    /// <inheritdoc />
    public string Name => nameof(QbdReadOrderActivity);

    /// <inheritdoc />
    public async Task<QbdOrderState> RunAsync(WorkflowActivityContext context, QbdShipmentRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var connection = await connections.GetAsync(input.ConnectionId, cancellationToken) ?? throw new InvalidOperationException($"Connection {input.ConnectionId} does not exist.");
        var order = await orders.GetAsync(input.ConnectionId, input.OrderNumber, cancellationToken);
        if (order is null)
        {
            var fetched = await shipStation.GetOrderAsync(input.ConnectionId, input.OrderId, cancellationToken)
                ?? throw new ConnectorException("shipstation", ErrorKind.NotFound, $"ShipStation has no order {input.OrderId} ({input.OrderNumber}).");
            await orders.SaveAsync(input.ConnectionId, fetched, cancellationToken);
            order = (await orders.GetAsync(input.ConnectionId, input.OrderNumber, cancellationToken))!;
        }

        var posting = connection.GetSetting(QbdShipStationNames.Qbd, QbdShipStationNames.PostingSetting) is QbdShipStationNames.PostingJournal
            ? QbdShipStationNames.PostingJournal
            : QbdShipStationNames.PostingInvoice;
        return new QbdOrderState(order.Review, order.Missing, posting, connection.GetSetting(QbdShipStationNames.Qbd, QbdShipStationNames.TimeZoneSetting), QbdPostingLines.Amount(posting, order));
    }
}
