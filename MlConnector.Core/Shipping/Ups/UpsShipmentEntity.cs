using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// The table row of <see cref="UpsShipmentRecord"/>: partition = connection, row = tracking number. Rows written before
/// the shipping piece was shared have no <see cref="SourceSystem"/> and no <see cref="IntegrationKind"/>: they are
/// <c>qbo-ups</c> rows of QBO purchase orders, whose id and number are in <see cref="PurchaseOrderId"/> and
/// <see cref="PurchaseOrderNumber"/>.
/// </summary>
internal sealed class UpsShipmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? IntegrationKind { get; set; }

    public string? SourceSystem { get; set; }

    public string? SourceId { get; set; }

    public string? SourceNumber { get; set; }

    public string? SourceTitle { get; set; }

    /// <summary>Legacy (rows before the shared store): the QBO PurchaseOrder Id. Read, never written.</summary>
    public string? PurchaseOrderId { get; set; }

    /// <summary>Legacy: the PO's DocNumber. Read, never written.</summary>
    public string? PurchaseOrderNumber { get; set; }

    public string ShipmentIdentificationNumber { get; set; } = string.Empty;

    /// <summary>The sub-account shipped under; null (and absent on older rows) for the connection's own account.</summary>
    public string? ShipperAccount { get; set; }

    public string ServiceCode { get; set; } = string.Empty;

    /// <summary>The charge as an invariant decimal string (Table storage has no decimal type).</summary>
    public string Charge { get; set; } = "0";

    public bool NegotiatedCharge { get; set; }

    public string CurrencyCode { get; set; } = string.Empty;

    public string? LabelBlobPath { get; set; }

    public string? CostEntity { get; set; }

    public string? CostEntityId { get; set; }

    public string? StatusText { get; set; }

    public string? StatusType { get; set; }

    public DateTimeOffset? StatusActivityLocalTime { get; set; }

    public bool Delivered { get; set; }

    public DateTimeOffset? SubscribedUntilUtc { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
}
