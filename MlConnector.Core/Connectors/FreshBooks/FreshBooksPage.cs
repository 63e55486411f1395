namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>One page of a FreshBooks list (<c>page, pages, per_page, total</c>).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="Page">This page, from 1.</param>
/// <param name="Pages">How many pages there are.</param>
/// <param name="Total">How many items there are in all.</param>
public sealed record FreshBooksPage<T>(IReadOnlyList<T> Items, int Page, int Pages, int Total)
{
    /// <summary>True when a later page exists.</summary>
    public bool HasMore => Page < Pages;
}
