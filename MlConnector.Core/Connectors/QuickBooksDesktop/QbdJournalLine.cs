namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>One side of a journal entry: a debit or a credit to an account, in the company's currency.</summary>
/// <param name="IsDebit">True for <c>JournalDebitLine</c>, false for <c>JournalCreditLine</c>.</param>
/// <param name="AccountFullName">The account's full name.</param>
/// <param name="Amount">The amount (AMTTYPE: 2 decimals, positive).</param>
/// <param name="Memo">The line memo.</param>
/// <param name="EntityFullName">The customer (for an Accounts Receivable line), or null.</param>
public sealed record QbdJournalLine(bool IsDebit, string AccountFullName, decimal Amount, string Memo, string? EntityFullName = null);
