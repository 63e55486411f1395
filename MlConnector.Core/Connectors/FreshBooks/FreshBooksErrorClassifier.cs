using MlConnector.Core.Connectors.FreshBooks.Wire;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// Reads every FreshBooks error shape (PROTOCOL-NOTES §4; SDK fixtures <c>get_client_response__not_found*.json</c>,
/// <c>create_callback_response__validation_error.json</c>, <c>get_callback_response__not_found.json</c>,
/// <c>auth_me_response__no_auth.json</c>) into the taxonomy: accounting errno 1012 ("not found", old <c>errors[]</c> or new
/// <c>details[].reason</c>) → NotFound; an error naming a <c>field</c> on a 400/422 → Validation with that field; an auth
/// body (<c>error: unauthenticated</c>) → NeedsReconsent; otherwise the status-code kind, with FreshBooks' code and message
/// carried on the exception.
/// </summary>
internal sealed class FreshBooksErrorClassifier : IVendorErrorClassifier
{
    /// <summary>Accounting errno for a resource that does not exist (the fixtures' "Client not found.").</summary>
    public const string NotFoundErrno = "1012";

    private const int MaxDetailLength = 500;

    /// <inheritdoc />
    public string Connector => FreshBooksClient.Connector;

    /// <inheritdoc />
    public VendorErrorClassification? Classify(VendorErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Body is null || !context.Body.StartsWith('{'))
        {
            return null;
        }

        ErrorBodyWire? body;
        try
        {
            body = JsonSerializer.Deserialize(context.Body, FreshBooksJsonContext.Default.ErrorBodyWire);
        }
        catch (JsonException)
        {
            return null;
        }

        if (body is null)
        {
            return null;
        }

        if (body.Response?.Errors is { Count: > 0 } errors)
        {
            var first = errors[0];
            var code = first.Errno.ToString(CultureInfo.InvariantCulture);
            return Classification(context, code, first.Field, $"{first.Object}: {first.Message}");
        }

        if (body.Details is { Count: > 0 } details && details[0].ValueKind == JsonValueKind.Object)
        {
            // The newer gRPC-style accounting shape: details[0] is a google.rpc.ErrorInfo.
            var info = details[0];
            var reason = info.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            string? field = null;
            string? message = body.Message;
            if (info.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                field = metadata.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                message = metadata.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : message;
            }

            return Classification(context, reason, field, message);
        }

        if (body.Errno is { ValueKind: JsonValueKind.Number } errno)
        {
            // The events service: {"errno":422,"message",…,"details":["field: problem", …]}.
            var detail = body.Details is { Count: > 0 } list
                ? string.Join("; ", list.Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()))
                : null;
            return Classification(context, errno.GetRawText(), field: null, string.IsNullOrEmpty(detail) ? body.Message : $"{body.Message} {detail}");
        }

        if (!string.IsNullOrEmpty(body.Error))
        {
            var kind = context.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || body.Error is "unauthenticated" or "invalid_grant"
                ? ErrorKind.NeedsReconsent
                : context.DefaultKind;
            return new VendorErrorClassification(kind) { VendorErrorCode = body.Error, Detail = Truncate(body.ErrorDescription) };
        }

        return null;
    }

    private static VendorErrorClassification Classification(VendorErrorContext context, string? code, string? field, string? message)
    {
        var kind = context.DefaultKind;
        if (code == NotFoundErrno)
        {
            kind = ErrorKind.NotFound;
        }
        else if (context.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            kind = ErrorKind.Validation;
        }

        return new VendorErrorClassification(kind)
        {
            VendorErrorCode = code,
            Detail = Truncate(message),
            Field = kind == ErrorKind.Validation && !string.IsNullOrWhiteSpace(field) ? field.Trim() : null,
        };
    }

    private static string? Truncate(string? text) =>
        text is null ? null : CredentialRedactor.Redact(text.Length <= MaxDetailLength ? text : text[..MaxDetailLength]);
}
