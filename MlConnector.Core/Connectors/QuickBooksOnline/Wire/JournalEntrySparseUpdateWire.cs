namespace MlConnector.Core.Connectors.QuickBooksOnline.Wire;

/// <summary>The wire body of a sparse JournalEntry update (<c>sparse: true</c>).</summary>
internal sealed class JournalEntrySparseUpdateWire
{
    public required string Id { get; init; }

    public required string SyncToken { get; init; }

    [JsonPropertyName("sparse")]
    public bool Sparse { get; init; } = true;

    public string? PrivateNote { get; init; }

    public IReadOnlyList<QboLine>? Line { get; init; }
}
