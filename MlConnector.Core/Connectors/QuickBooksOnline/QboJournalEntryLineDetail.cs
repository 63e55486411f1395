namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>The detail of a journal entry line (<c>DetailType</c> <c>JournalEntryLineDetail</c>).</summary>
/// <param name="PostingType"><c>Debit</c> or <c>Credit</c>.</param>
/// <param name="AccountRef">The account posted to.</param>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>JournalEntryLineDetail</c>, <c>PostingTypeEnum</c>).</remarks>
public sealed record QboJournalEntryLineDetail(string PostingType, QboRef AccountRef)
{
    /// <summary>QBO's <c>Debit</c>.</summary>
    public const string Debit = "Debit";

    /// <summary>QBO's <c>Credit</c>.</summary>
    public const string Credit = "Credit";
}
