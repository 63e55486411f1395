namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>The entity types the client reads and writes (paths from https://developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features).</summary>
internal static class Entities
{
    public static readonly QboEntity<QboCompanyInfo> CompanyInfo = new("CompanyInfo", "companyinfo", r => r.CompanyInfo, e => e.Id, e => e.SyncToken);

    public static readonly QboEntity<QboInvoice> Invoice = new("Invoice", "invoice", r => r.Invoice, e => e.Id, e => e.SyncToken);

    public static readonly QboEntity<QboPurchaseOrder> PurchaseOrder = new("PurchaseOrder", "purchaseorder", r => r.PurchaseOrder, e => e.Id, e => e.SyncToken);

    public static readonly QboEntity<QboEstimate> Estimate = new("Estimate", "estimate", r => r.Estimate, e => e.Id, e => e.SyncToken);

    public static readonly QboEntity<QboVendor> Vendor = new("Vendor", "vendor", r => r.Vendor, e => e.Id, e => e.SyncToken);

    public static readonly QboEntity<QboBill> Bill = new("Bill", "bill", r => r.Bill, e => e.Id, e => e.SyncToken);

    public static readonly QboEntity<QboJournalEntry> JournalEntry = new("JournalEntry", "journalentry", r => r.JournalEntry, e => e.Id, e => e.SyncToken);
}
