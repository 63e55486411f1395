namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The fields a sparse JournalEntry update may change; null leaves a field alone. <see cref="Line"/>, when given, replaces
/// all lines and must stay balanced.
/// </summary>
public sealed record QboJournalEntryUpdate
{
    /// <summary>The new memo.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>The complete new line list.</summary>
    public IReadOnlyList<QboLine>? Line { get; init; }
}
