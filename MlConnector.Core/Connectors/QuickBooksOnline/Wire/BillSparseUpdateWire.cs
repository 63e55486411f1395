namespace MlConnector.Core.Connectors.QuickBooksOnline.Wire;

/// <summary>The wire body of a sparse Bill update (<c>sparse: true</c>; VendorRef repeated as QBO requires it on bill updates).</summary>
internal sealed class BillSparseUpdateWire
{
    public required string Id { get; init; }

    public required string SyncToken { get; init; }

    [JsonPropertyName("sparse")]
    public bool Sparse { get; init; } = true;

    public required QboRef VendorRef { get; init; }

    public string? PrivateNote { get; init; }

    public IReadOnlyList<QboLine>? Line { get; init; }
}
