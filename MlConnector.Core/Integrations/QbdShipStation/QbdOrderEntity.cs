using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Table row of one order (partition = escaped connection id, row = escaped order number); no buyer address or e-mail.</summary>
internal sealed class QbdOrderEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long OrderId { get; set; }

    public string? OrderNumber { get; set; }

    public string? OrderStatus { get; set; }

    public string? CustomerFullName { get; set; }

    /// <summary>The lines as JSON (<see cref="QbdOrderLine"/>[]).</summary>
    public string? LinesJson { get; set; }

    /// <summary>Exact decimal amounts as invariant text (Table Storage has no decimal).</summary>
    public string? ShippingAmountText { get; set; }

    public string? OrderTotalText { get; set; }

    public string? Review { get; set; }

    public string? Missing { get; set; }

    public string? TxnId { get; set; }

    /// <summary>The request id of the add queued for this order; set with the row's ETag, so only one run queues an add.</summary>
    public string? AddRequestId { get; set; }
}
