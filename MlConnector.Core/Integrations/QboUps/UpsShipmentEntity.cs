using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The table row of <see cref="UpsShipmentRecord"/>: partition = connection, row = tracking number.</summary>
internal sealed class UpsShipmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string PurchaseOrderId { get; set; } = string.Empty;

    public string PurchaseOrderNumber { get; set; } = string.Empty;

    public string ShipmentIdentificationNumber { get; set; } = string.Empty;

    public string ServiceCode { get; set; } = string.Empty;

    /// <summary>The charge as an invariant decimal string (Table storage has no decimal type).</summary>
    public string Charge { get; set; } = "0";

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
