namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>Names the FreshBooks ↔ UPS integration uses in settings, mappings, secrets, the ledger, audit rows and schedules.</summary>
public static class FreshBooksUpsNames
{
    /// <summary>The source system of a FreshBooks invoice (<see cref="Shipping.Ups.SourceDocument.System"/>, the ledger's source system).</summary>
    public const string InvoiceSource = "freshbooks-invoice";

    /// <summary>Setting <c>freshbooks.shipFlag</c>: <see cref="FlagLine"/> (default) or <see cref="FlagNotes"/>.</summary>
    public const string ShipFlagSetting = "shipFlag";

    /// <summary>Setting <c>freshbooks.shipFlagText</c>: the line name (default <see cref="DefaultShipLineName"/>) or notes marker (default <see cref="DefaultNotesMarker"/>).</summary>
    public const string ShipFlagTextSetting = "shipFlagText";

    /// <summary>Setting <c>freshbooks.trackingWriteBack</c>: <see cref="WriteBackNotes"/> (default) or <see cref="WriteBackLine"/>.</summary>
    public const string TrackingWriteBackSetting = "trackingWriteBack";

    /// <summary><c>shipFlag</c> value: an invoice ships when it has a line whose item name is the flag text.</summary>
    public const string FlagLine = "line";

    /// <summary><c>shipFlag</c> value: an invoice ships when its notes contain the flag text.</summary>
    public const string FlagNotes = "notes";

    /// <summary>The default line name that flags an invoice for shipping.</summary>
    public const string DefaultShipLineName = "Shipping";

    /// <summary>The default notes marker that flags an invoice for shipping.</summary>
    public const string DefaultNotesMarker = "[ship-ups]";

    /// <summary><c>trackingWriteBack</c> value: a block at the end of the invoice notes.</summary>
    public const string WriteBackNotes = "notes";

    /// <summary><c>trackingWriteBack</c> value: a zero-amount line named <see cref="TrackingLineName"/>.</summary>
    public const string WriteBackLine = "line";

    /// <summary>The heading of the tracking block in the notes.</summary>
    public const string TrackingNotesHeading = "UPS tracking (ml-connector):";

    /// <summary>The item name of the tracking line.</summary>
    public const string TrackingLineName = "UPS tracking";

    /// <summary>Mapping table: FreshBooks line item name → weight of one unit in pounds (decimal with a dot).</summary>
    public const string ItemWeightMapping = "itemWeightLbs";

    /// <summary>Mapping table: the flagging line's item name → UPS service code (for example <c>Express Shipping</c> → <c>01</c>).</summary>
    public const string ShipServiceMapping = "shipService";

    /// <summary>Mapping table: the merchant's ship-from address: <c>name, street, street2, city, state, postalCode, country, phone</c>.</summary>
    public const string ShipFromMapping = "shipFrom";

    /// <summary>The schedule (and job) name of the poll fallback: <c>Schedules:FreshBooksUpsPoll</c>.</summary>
    public const string PollJobName = "FreshBooksUpsPoll";

    /// <summary>The State-table row key of the poll's <c>updated_min</c> watermark.</summary>
    public const string PollWatermarkRowKey = "freshbooks-ups|invoices-watermark";

    /// <summary>Audit operation of the poll pass.</summary>
    public const string PollOperation = "freshbooks.poll";

    /// <summary>Audit operation of the tracking write-back into an invoice.</summary>
    public const string WriteBackOperation = "freshbooks.invoice.tracking";
}
