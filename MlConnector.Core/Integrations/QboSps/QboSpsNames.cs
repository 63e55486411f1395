namespace MlConnector.Core.Integrations.QboSps;

/// <summary>Names of the <c>qbo-sps</c> integration: mapping tables, schedules, operations and instance kinds.</summary>
public static class QboSpsNames
{
    /// <summary>
    /// Trading partners: SPS <c>TradingPartnerId</c> → the QBO Vendor id the partner's 850s become purchase orders of
    /// (mapping table <c>spsPartners</c>).
    /// </summary>
    public const string PartnerMapping = "spsPartners";

    /// <summary>
    /// The item crosswalk: a line's <c>VendorPartNumber</c>, <c>BuyerPartNumber</c> or <c>ConsumerPackageCode</c> (looked up
    /// in that order) → a QBO Item id, or <c>account:{id}</c> for an account-based line (mapping table <c>spsItems</c>).
    /// </summary>
    public const string ItemMapping = "spsItems";

    /// <summary>The schedule (and job) name of the 850 poll: <c>Schedules:QboSpsOrderPoll</c> (every 5–15 minutes).</summary>
    public const string OrderPollJobName = "QboSpsOrderPoll";

    /// <summary>The workflow instance kind of one inbound document: <c>qbo-sps-850</c>.</summary>
    public const string OrderInstanceKind = "qbo-sps-850";

    /// <summary>The audit operation of an inbound 850 applied to QBO.</summary>
    public const string ImportOperation = "sps.850.import";

    /// <summary>The audit operation of an inbound document refused and kept for replay.</summary>
    public const string QuarantineOperation = "sps.850.quarantine";

    /// <summary>The audit operation of an acknowledged (deleted) SPS document.</summary>
    public const string AcknowledgeOperation = "sps.document.acknowledge";
}
