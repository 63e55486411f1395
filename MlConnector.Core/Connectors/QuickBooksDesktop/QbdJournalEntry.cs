namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>What <c>JournalEntryAdd</c> sends: debits and credits that balance, keyed by <see cref="RefNumber"/>.</summary>
/// <param name="TxnDate">The transaction date.</param>
/// <param name="RefNumber">The entry number.</param>
/// <param name="Memo">The memo.</param>
/// <param name="Lines">The debit and credit lines; their debits and credits must be equal.</param>
public sealed record QbdJournalEntry(DateOnly TxnDate, string RefNumber, string Memo, IReadOnlyList<QbdJournalLine> Lines);
