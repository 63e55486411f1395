namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>One way a document breaks SPS's RSX JSON schema.</summary>
/// <param name="Path">The JSON path of the field at fault, for example <c>Header.InvoiceHeader.InvoiceNumber</c>, or <c>(document)</c> when the bytes are not JSON.</param>
/// <param name="Problem">What is wrong, for example <c>PropertyRequired</c> or <c>StringTooLong</c>.</param>
public sealed record RsxSchemaError(string Path, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Problem}";
}
