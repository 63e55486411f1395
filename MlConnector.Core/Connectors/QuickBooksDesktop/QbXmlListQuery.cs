namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>
/// A list query (CustomerQuery, ItemQuery, ItemInventoryQuery): by full names, or by a modified-date window, paged with
/// an iterator (qbxmlops130.xsd <c>ListFilter</c>; <c>iterator</c> Start/Continue with <c>iteratorID</c>; iterators live only
/// in the current QuickBooks session, PROTOCOL-NOTES §3).
/// </summary>
public sealed record QbXmlListQuery
{
    /// <summary>Full names to fetch; when set, no filter or iterator is sent.</summary>
    public IReadOnlyList<string> FullNames { get; init; } = [];

    /// <summary>Items per page (<c>MaxReturned</c>); with an iterator, the page size.</summary>
    public int? MaxReturned { get; init; }

    /// <summary>Only entities modified at or after this time (<c>FromModifiedDate</c>; QuickBooks reads it in the company's local time without an offset).</summary>
    public DateTimeOffset? FromModifiedDate { get; init; }

    /// <summary>Only entities modified at or before this time (<c>ToModifiedDate</c>).</summary>
    public DateTimeOffset? ToModifiedDate { get; init; }

    /// <summary><c>Start</c> to open an iterator, <c>Continue</c> with <see cref="IteratorId"/>, or null for no iterator.</summary>
    public string? Iterator { get; init; }

    /// <summary>The iterator to continue (from the previous response's <c>iteratorID</c>).</summary>
    public string? IteratorId { get; init; }
}
