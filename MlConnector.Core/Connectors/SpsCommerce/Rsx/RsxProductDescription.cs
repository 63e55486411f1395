namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX <c>ProductOrItemDescription</c> entry.</summary>
/// <param name="ProductCharacteristicCode">X12 PID02, <c>08</c> product description.</param>
/// <param name="ProductDescription">The text.</param>
public sealed record RsxProductDescription(
    string? ProductCharacteristicCode = null,
    string? ProductDescription = null);
