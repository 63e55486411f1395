namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>One page of a cursor-paged SPS Commerce directory listing.</summary>
/// <param name="Files">The entries of this page, in SPS's order.</param>
/// <param name="NextCursor">The opaque cursor of the next page, or <see langword="null"/> on the last page.</param>
public sealed record SpsTransactionPage(IReadOnlyList<SpsTransactionFile> Files, string? NextCursor);
