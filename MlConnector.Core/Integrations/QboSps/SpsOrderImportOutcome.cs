namespace MlConnector.Core.Integrations.QboSps;

/// <summary>What an inbound 850 did in QBO.</summary>
public enum SpsOrderImportOutcome
{
    /// <summary>A new QBO purchase order was created.</summary>
    Created = 0,

    /// <summary>A revision (<c>TsetPurposeCode</c> 05 replace) replaced the existing purchase order's lines.</summary>
    Updated,

    /// <summary>A cancellation (<c>TsetPurposeCode</c> 01) closed the existing purchase order.</summary>
    Cancelled,

    /// <summary>Nothing was written: the same document was applied before, or an original arrived for a PO that exists.</summary>
    Duplicate,
}
