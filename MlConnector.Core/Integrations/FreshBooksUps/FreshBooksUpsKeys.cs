using MlConnector.Core.Connections;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>The deterministic workflow instance ids of the FreshBooks ↔ UPS integration.</summary>
public static class FreshBooksUpsKeys
{
    /// <summary>One "FreshBooks invoice → UPS shipment" instance per invoice id: webhooks, redeliveries and the poll find it.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The FreshBooks invoice id.</param>
    /// <returns>The instance id.</returns>
    public static string InvoiceInstance(string connectionId, long invoiceId) =>
        WorkflowInstanceId.For(IntegrationKinds.FreshBooksUps, connectionId, "invoice:" + invoiceId.ToString(CultureInfo.InvariantCulture));

    /// <summary>One "UPS tracking → FreshBooks invoice" instance per tracking number and UPS status.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumber">The 1Z tracking number.</param>
    /// <param name="statusKey">The status key (<see cref="Shipping.Ups.UpsTrackingText.StatusKey"/>).</param>
    /// <returns>The instance id.</returns>
    public static string TrackingInstance(string connectionId, string trackingNumber, string statusKey) =>
        Shipping.Ups.UpsTrackingInstanceId.For(IntegrationKinds.FreshBooksUps, connectionId, trackingNumber, statusKey);
}
