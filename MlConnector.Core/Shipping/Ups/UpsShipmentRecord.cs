namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// One package of a UPS shipment made for a source document (a QBO purchase order, a FreshBooks invoice), as
/// ml-connector keeps it: which integration owns it, what was shipped, what it cost, where it is, where its label is, and
/// until when UPS pushes its tracking events. The label itself is in blob storage.
/// </summary>
public sealed record UpsShipmentRecord
{
    /// <summary>The connection.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>The package's 1Z tracking number (the row key).</summary>
    public required string TrackingNumber { get; init; }

    /// <summary>The integration kind that made the shipment (<c>qbo-ups</c>, <c>freshbooks-ups</c>): its <see cref="IUpsTrackingHandler"/> gets the package's statuses.</summary>
    public required string IntegrationKind { get; init; }

    /// <summary>The document the shipment was made for.</summary>
    public required SourceDocument Source { get; init; }

    /// <summary>UPS's shipment identification number.</summary>
    public required string ShipmentIdentificationNumber { get; init; }

    /// <summary>
    /// The connection's UPS sub-account the shipment was made under (<see cref="Connectors.Ups.UpsShipmentRequest.ShipperAccount"/>,
    /// for example a FreshBooks client's own account), or null for the connection's own account. Tracking and Track Alert
    /// calls for the package are made under the same account, so they carry its token and <c>x-merchant-id</c>.
    /// </summary>
    public string? ShipperAccount { get; init; }

    /// <summary>The UPS service code.</summary>
    public required string ServiceCode { get; init; }

    /// <summary>The shipment's booked charge (all packages), decimal in <see cref="CurrencyCode"/>.</summary>
    public decimal Charge { get; init; }

    /// <summary>True when <see cref="Charge"/> is UPS's negotiated total; false when it is the published total.</summary>
    public bool NegotiatedCharge { get; init; }

    /// <summary>The ISO 4217 currency of <see cref="Charge"/>.</summary>
    public required string CurrencyCode { get; init; }

    /// <summary>The blob path of the package's label.</summary>
    public string? LabelBlobPath { get; init; }

    /// <summary>The target-system record carrying the shipment's cost, once the integration posted one (QBO <c>Bill</c> or <c>JournalEntry</c>).</summary>
    public string? CostEntity { get; init; }

    /// <summary>The target system's id of <see cref="CostEntity"/>.</summary>
    public string? CostEntityId { get; init; }

    /// <summary>The latest status as one line (<see cref="UpsTrackingText.StatusText"/>), for example <c>Delivered 2026-11-25 10:14 (Alpharetta, GA, US)</c>.</summary>
    public string? StatusText { get; init; }

    /// <summary>The latest UPS status type (<c>M</c>, <c>P</c>, <c>I</c>, <c>X</c>, <c>D</c>, …).</summary>
    public string? StatusType { get; init; }

    /// <summary>The UPS local activity time of <see cref="StatusText"/> (wall-clock time at the package's location, offset zero), if UPS gave one.</summary>
    public DateTimeOffset? StatusActivityLocalTime { get; init; }

    /// <summary>True once delivered: no more renewals or polls.</summary>
    public bool Delivered { get; init; }

    /// <summary>When the Track Alert subscription expires (UTC); null when not subscribed.</summary>
    public DateTimeOffset? SubscribedUntilUtc { get; init; }

    /// <summary>When the shipment was created (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }
}
