namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>The outcomes of <see cref="QbdPostingResult.Outcome"/>.</summary>
public static class QbdShipStationWorkflowOutcomes
{
    /// <summary>This run's add created the transaction.</summary>
    public const string Created = "created";

    /// <summary>QuickBooks already had the transaction with this shipment (a redelivery, or a lost response whose add had run).</summary>
    public const string Found = "found";

    /// <summary>The invoice was corrected with an InvoiceMod.</summary>
    public const string Updated = "updated";

    /// <summary>The order references a customer or item QuickBooks does not know: nothing was created.</summary>
    public const string Flagged = "flagged";

    /// <summary>QuickBooks refused the add for another reason; the workflow fails with it.</summary>
    public const string Failed = "failed";

    /// <summary>The cancelled order's transaction was voided (or QuickBooks already held it void).</summary>
    public const string Voided = "voided";

    /// <summary>QuickBooks holds no transaction with the order's RefNumber: nothing to void or correct.</summary>
    public const string NotRecorded = "not-recorded";
}
