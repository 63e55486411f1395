namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>A file listed in an SPS Commerce Transaction API directory.</summary>
/// <param name="Path">The path relative to <c>data/</c>, for example <c>out/PO584615-1.json</c> (SPS lists it as <c>/out/…</c>).</param>
/// <param name="Type">The entry type SPS gives, <c>file</c> for documents.</param>
public sealed record SpsTransactionFile(string Path, string Type)
{
    /// <summary>The file name: the last segment of <see cref="Path"/>.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];
}
