using System.Text.Json.Serialization.Metadata;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>
/// Unwraps RSX documents on the way in (parse and validate against SPS's schema) and wraps them on the way out (build and
/// validate), so nothing invalid is read into the books or sent to a trading partner. Real SPS files may start with a
/// UTF-8 BOM and use CRLF line endings (contracts/sps-commerce/SOURCE.md); both are accepted.
/// </summary>
/// <param name="validator">The schema validator.</param>
public sealed class RsxDocumentCodec(RsxSchemaValidator validator)
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Reads a document: strips a BOM, checks it against the type's schema, then reads the typed model.</summary>
    /// <typeparam name="T">The model, for example <see cref="RsxOrder"/>.</typeparam>
    /// <param name="type">The document type.</param>
    /// <param name="bytes">The document as SPS sent it.</param>
    /// <param name="model">The model's JSON metadata from <see cref="RsxJsonContext"/>.</param>
    /// <param name="cancellationToken">Cancels the schema load.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ConnectorValidationException">When the bytes are not UTF-8 JSON or break the schema; <c>Field</c> names the
    /// first field at fault and the message lists up to ten violations.</exception>
    public async Task<T> UnwrapAsync<T>(RsxDocumentType type, ReadOnlyMemory<byte> bytes, JsonTypeInfo<T> model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = bytes.Span.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(type, "read", [new RsxSchemaError("(document)", "not UTF-8")]);
        }

        var errors = await validator.ValidateAsync(type, text, cancellationToken);
        if (errors.Count > 0)
        {
            throw Invalid(type, "read", errors);
        }

        try
        {
            return JsonSerializer.Deserialize(text, model) ?? throw Invalid(type, "read", [new RsxSchemaError("(document)", "null")]);
        }
        catch (JsonException ex)
        {
            throw Invalid(type, "read", [new RsxSchemaError(ex.Path ?? "(document)", "unreadable: " + ex.Message)]);
        }
    }

    /// <summary>Writes a document as UTF-8 JSON (no BOM) and checks it against the type's schema before anyone sends it.</summary>
    /// <typeparam name="T">The model, for example <see cref="RsxInvoice"/>.</typeparam>
    /// <param name="type">The document type.</param>
    /// <param name="document">The document.</param>
    /// <param name="model">The model's JSON metadata from <see cref="RsxJsonContext"/>.</param>
    /// <param name="cancellationToken">Cancels the schema load.</param>
    /// <returns>The bytes to upload.</returns>
    /// <exception cref="ConnectorValidationException">When the document breaks the schema; <c>Field</c> names the first field at fault.</exception>
    public async Task<byte[]> WrapAsync<T>(RsxDocumentType type, T document, JsonTypeInfo<T> model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(model);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, model);
        var errors = await validator.ValidateAsync(type, Encoding.UTF8.GetString(bytes), cancellationToken);
        return errors.Count > 0 ? throw Invalid(type, "built", errors) : bytes;
    }

    private static ConnectorValidationException Invalid(RsxDocumentType type, string verb, IReadOnlyList<RsxSchemaError> errors) =>
        new(
            SpsCommerceClient.Connector,
            $"The RSX {type} {verb} breaks SPS's 7.7 schema: {string.Join("; ", errors.Take(10))}{(errors.Count > 10 ? $" (and {errors.Count - 10} more)" : string.Empty)}.",
            field: errors[0].Path);
}
