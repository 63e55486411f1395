using System.Collections.Frozen;
using MlConnector.Core.Connectors.Ups.Wire;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Refines <see cref="HttpErrorMapper"/> for UPS by reading the error body every UPS API shares,
/// <c>{"response":{"errors":[{"code","message"}]}}</c> (<c>ErrorResponse</c> in contracts/ups/*.yaml): the exception then
/// carries UPS's code and message. HTTP 429 or code <c>10429</c> → <see cref="ErrorKind.RateLimited"/>; the auth codes →
/// <see cref="ErrorKind.NeedsReconsent"/>; the transient codes → <see cref="ErrorKind.Transient"/>; Track Alert VSS codes
/// about the tracking numbers → <see cref="ErrorKind.Validation"/>, and VSS codes about the request's own envelope
/// (transId, locale, URL, …) → <see cref="ErrorKind.Unknown"/>, because they are a connector defect no customer can fix.
/// Any other code keeps the status-code mapping (400 → validation: XAV, Rating and Shipping reject bad addresses,
/// services and packages with HTTP 400 and a code of their own).
/// </summary>
/// <remarks>
/// Sources: <c>10429</c> "Too Many Requests" with HTTP 429, https://github.com/UPS-API/api-documentation/issues/123
/// (PROTOCOL-NOTES §1); <c>UJ0001</c>, <c>250002</c>, <c>251004</c>, <c>10004</c> and the VSS table,
/// contracts/ups/UPSTrackAlert.yaml <c>info.description</c> "Error Codes" (lines 105–133), which lists them as applying to
/// all APIs; <c>9264028</c> "Invalid or missing request option", https://github.com/UPS-API/api-documentation/issues/89.
/// The detail is passed through <see cref="CredentialRedactor"/>.
/// </remarks>
public sealed class UpsErrorClassifier : IVendorErrorClassifier
{
    /// <summary>UPS's rate-limit code, sent with HTTP 429.</summary>
    public const string RateLimitedCode = "10429";

    private const int MaxDetailLength = 500;

    private static readonly FrozenDictionary<string, ErrorKind> CodeKinds = new Dictionary<string, ErrorKind>(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitedCode] = ErrorKind.RateLimited,
        ["UJ0001"] = ErrorKind.NeedsReconsent,
        ["250002"] = ErrorKind.NeedsReconsent,
        ["251004"] = ErrorKind.NeedsReconsent,
        ["10004"] = ErrorKind.Transient,
        ["VSS100"] = ErrorKind.Transient,
        ["VSS210"] = ErrorKind.Validation,
        ["VSS215"] = ErrorKind.Validation,
        ["VSS220"] = ErrorKind.Validation,
        ["VSS000"] = ErrorKind.Unknown,
        ["VSS002"] = ErrorKind.Unknown,
        ["VSS003"] = ErrorKind.Unknown,
        ["VSS004"] = ErrorKind.Unknown,
        ["VSS006"] = ErrorKind.Unknown,
        ["VSS110"] = ErrorKind.Unknown,
        ["VSS200"] = ErrorKind.Unknown,
        ["VSS300"] = ErrorKind.Unknown,
        ["VSS310"] = ErrorKind.Unknown,
        ["VSS400"] = ErrorKind.Unknown,
        ["VSS500"] = ErrorKind.Unknown,
        ["VSS600"] = ErrorKind.Unknown,
        ["VSS610"] = ErrorKind.Unknown,
        ["VSS700"] = ErrorKind.Unknown,
        ["VSS800"] = ErrorKind.Unknown,
        ["VSS930"] = ErrorKind.Unknown,
        ["9264028"] = ErrorKind.Unknown,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string Connector => UpsClient.Connector;

    /// <summary>Classifies a UPS error body.</summary>
    /// <param name="context">The failed response.</param>
    /// <returns>The classification, or <see langword="null"/> when the body is not a UPS error body.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="context"/> is null.</exception>
    public VendorErrorClassification? Classify(VendorErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Body is null || !context.Body.StartsWith('{'))
        {
            return null;
        }

        ErrorResponseWire? body;
        try
        {
            body = JsonSerializer.Deserialize(context.Body, UpsJsonContext.Default.ErrorResponseWire);
        }
        catch (JsonException)
        {
            return null;
        }

        var errors = body?.Response?.Errors?.Where(e => !string.IsNullOrWhiteSpace(e.Code) || !string.IsNullOrWhiteSpace(e.Message)).ToList();
        if (errors is not { Count: > 0 })
        {
            return null;
        }

        var code = errors[0].Code?.Trim();
        var kind = context.StatusCode == HttpStatusCode.TooManyRequests ? ErrorKind.RateLimited
            : code is not null && CodeKinds.TryGetValue(code, out var byCode) ? byCode
            : context.DefaultKind;
        return new VendorErrorClassification(kind) { VendorErrorCode = code, Detail = Describe(errors) };
    }

    private static string Describe(List<ErrorWire> errors)
    {
        var text = string.Join("; ", errors.Select(e => $"UPS {e.Code?.Trim() ?? "?"} {e.Message?.Trim()}".TrimEnd()));
        text = CredentialRedactor.Redact(text) ?? string.Empty;
        return text.Length > MaxDetailLength ? text[..MaxDetailLength] : text;
    }
}
