namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>The RSX 7.7 document types ml-connector reads or writes, each with SPS's JSON schema (rsx-json-schema/v7.7.0).</summary>
public enum RsxDocumentType
{
    /// <summary>EDI 850 purchase order, <c>Orders.json</c> <c>#/definitions/Order</c>.</summary>
    Order = 0,

    /// <summary>EDI 810 invoice, <c>Invoices.json</c> <c>#/definitions/Invoice</c>.</summary>
    Invoice,

    /// <summary>EDI 856 advance ship notice, <c>Shipments.json</c> <c>#/definitions/Shipment</c>.</summary>
    Shipment,

    /// <summary>EDI 855 PO acknowledgement, <c>OrderAcks.json</c> <c>#/definitions/OrderAck</c>.</summary>
    OrderAck,
}
