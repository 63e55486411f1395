using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MlConnector.Core.Webhooks;

/// <summary>
/// The media-type check of the JSON webhook routes: a delivery whose <c>Content-Type</c> is not what the vendor sends is
/// answered 415 before anything is read or looked up. JSON means <c>application/json</c> or a structured-syntax
/// <c>+json</c> type (RFC 6839 §3.1), which covers QBO's CloudEvents <c>application/cloudevents+json</c>
/// (PROTOCOL-NOTES.md §2); the charset, if given, is not checked (the body is verified and parsed as bytes).
/// </summary>
public static class WebhookMediaType
{
    /// <summary>True when the request declares a JSON body, or declares none and <paramref name="allowMissing"/> is true.</summary>
    /// <param name="request">The request.</param>
    /// <param name="allowMissing">True for a vendor whose documentation does not say that it sends a <c>Content-Type</c>.</param>
    /// <returns>Whether the route may read the body.</returns>
    public static bool IsJson(HttpRequest request, bool allowMissing = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return allowMissing;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.HasValue)
        {
            return false;
        }

        var mediaType = contentType.MediaType.Value;
        return string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The 415 answer.</summary>
    /// <param name="vendor">The vendor, for the problem text (for example <c>UPS Track Alert</c>).</param>
    /// <returns>415 Unsupported Media Type with a problem body naming what the route takes.</returns>
    public static IResult NotJson(string vendor) =>
        Results.Problem($"A {vendor} delivery is JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);
}
