namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>What an upload to <c>data/in/</c> produced.</summary>
/// <param name="Path">The path the document was posted to, for example <c>in/IN-1001-810.json</c>.</param>
/// <param name="Bytes">The number of bytes sent.</param>
public sealed record SpsUploadReceipt(string Path, int Bytes);
