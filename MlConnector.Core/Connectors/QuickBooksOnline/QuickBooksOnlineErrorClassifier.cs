using System.Collections.Frozen;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// Refines <see cref="HttpErrorMapper"/> for QuickBooks Online by reading the <see cref="QboFault"/> in the body (JSON or
/// XML): code 5010 Stale Object Error → <see cref="ErrorKind.Conflict"/>; 610 Object Not Found → <see cref="ErrorKind.NotFound"/>;
/// 6240 Duplicate Name, 6140 Duplicate Document Number, 2500 Invalid Reference Id, 6000 Business Validation Error →
/// <see cref="ErrorKind.Validation"/> with the Fault's <c>element</c> as the field; an <c>AuthenticationFault</c> or code 120
/// → <see cref="ErrorKind.NeedsReconsent"/>; a <c>SystemFault</c> → <see cref="ErrorKind.Transient"/>; HTTP 429 stays
/// <see cref="ErrorKind.RateLimited"/>. A Fault inside a 200 response is classified the same way (Intuit: "200 OK … may
/// contain a Fault").
/// </summary>
/// <remarks>
/// Codes: PROTOCOL-NOTES §2 (developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes and
/// developer.intuit.com/hub/blog/2017/06/08/top-quickbooks-online-api-errors-and-how-to-handle-them). Any other
/// <c>ValidationFault</c> is <see cref="ErrorKind.Validation"/>; anything else keeps the status-code mapping but still carries
/// the code and detail. The detail is passed through <see cref="CredentialRedactor"/> before it reaches a message.
/// </remarks>
public sealed class QuickBooksOnlineErrorClassifier : IVendorErrorClassifier
{
    /// <summary>The connector code, <c>qbo</c> (<see cref="QuickBooksOnlineClient.Connector"/>).</summary>
    public const string ConnectorCode = QuickBooksOnlineClient.Connector;

    /// <summary>QBO's Stale Object Error code: the SyncToken sent is older than the entity's.</summary>
    public const string StaleObjectCode = "5010";

    /// <summary>QBO's Object Not Found code.</summary>
    public const string ObjectNotFoundCode = "610";

    private const int MaxDetailLength = 500;

    private static readonly FrozenDictionary<string, ErrorKind> CodeKinds = new Dictionary<string, ErrorKind>(StringComparer.Ordinal)
    {
        [StaleObjectCode] = ErrorKind.Conflict,
        [ObjectNotFoundCode] = ErrorKind.NotFound,
        ["6240"] = ErrorKind.Validation,
        ["6140"] = ErrorKind.Validation,
        ["2500"] = ErrorKind.Validation,
        ["6000"] = ErrorKind.Validation,
        ["120"] = ErrorKind.NeedsReconsent,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Connector => ConnectorCode;

    /// <summary>Classifies a QBO Fault body.</summary>
    /// <param name="context">The failed (or Fault-carrying 200) response.</param>
    /// <returns>The classification, or <see langword="null"/> when the body holds no Fault.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="context"/> is null.</exception>
    public VendorErrorClassification? Classify(VendorErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!QboFault.TryParse(context.Body, out var fault))
        {
            return null;
        }

        var error = fault.Errors.Count > 0 ? fault.Errors[0] : null;
        var code = NormalizeCode(error?.Code);
        var kind = Classify(context, fault.Type, code);
        var field = kind == ErrorKind.Validation && !string.IsNullOrWhiteSpace(error?.Element) ? error.Element.Trim() : null;
        return new VendorErrorClassification(kind)
        {
            VendorErrorCode = code,
            Detail = Describe(fault.Type, code, error),
            Field = field,
        };
    }

    private static ErrorKind Classify(VendorErrorContext context, string? type, string? code)
    {
        if (context.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return ErrorKind.RateLimited;
        }

        if (code is not null && CodeKinds.TryGetValue(code, out var byCode))
        {
            return byCode;
        }

        if (IsType(type, "AuthenticationFault", "AUTHENTICATION") || context.StatusCode == HttpStatusCode.Unauthorized)
        {
            return ErrorKind.NeedsReconsent;
        }

        if (IsType(type, "SystemFault", "SYSTEM"))
        {
            return ErrorKind.Transient;
        }

        if (IsType(type, "ValidationFault", "VALIDATION"))
        {
            return ErrorKind.Validation;
        }

        return context.DefaultKind;
    }

    private static bool IsType(string? type, string name, string upperName) =>
        string.Equals(type, name, StringComparison.OrdinalIgnoreCase) || string.Equals(type, upperName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Some QBO layers pad codes with zeros (<c>003200</c>); the documented codes have none.</summary>
    private static string? NormalizeCode(string? code)
    {
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var unpadded = trimmed.TrimStart('0');
        return unpadded.Length == 0 ? "0" : unpadded;
    }

    private static string Describe(string? type, string? code, QboFaultError? error)
    {
        var text = $"{type ?? "Fault"} {code ?? "?"} {error?.Message}".TrimEnd();
        if (!string.IsNullOrWhiteSpace(error?.Detail) && error.Detail != error.Message)
        {
            text += " — " + error.Detail.Trim();
        }

        text = CredentialRedactor.Redact(text) ?? string.Empty;
        return text.Length > MaxDetailLength ? text[..MaxDetailLength] : text;
    }
}
