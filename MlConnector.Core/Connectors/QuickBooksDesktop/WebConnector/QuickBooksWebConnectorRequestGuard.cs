using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// Refuses a POST to the Web Connector endpoint that is not a SOAP 1.1 message before any SOAP stack reads it, the same way
/// on both hosts (SoapCore under <c>serve</c>, <see cref="QuickBooksWebConnectorSoapEndpoint"/> in the Functions app):
/// a <c>Content-Type</c> other than <c>text/xml</c> (SOAP 1.1's HTTP binding, as the Web Connector sends it) answers 415,
/// a body over <see cref="QuickBooksWebConnectorSoapEndpoint.MaxEnvelopeBytes"/> 413, and one that is not well-formed XML,
/// or carries a DTD (external entities, entity expansion), 400 with no SOAP fault. These are the WS-I Basic Profile 1.1
/// answers (R1115: 415 for a content type the WSDL does not permit; R1113: 400 for a malformed request, without a fault);
/// a well-formed envelope the service cannot serve still gets SOAP 1.1's 500 fault (§6.2, R1126).
/// </summary>
public static class QuickBooksWebConnectorRequestGuard
{
    /// <summary>Checks one request; a POST's body is buffered and rewound, so the SOAP stack reads it again.</summary>
    /// <param name="request">The request to the endpoint.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The refusal (415, 413 or 400), or null when the request may go on.</returns>
    public static async Task<IResult?> CheckAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, "text/xml", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem("The Web Connector endpoint takes SOAP 1.1 (Content-Type: text/xml).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > QuickBooksWebConnectorSoapEndpoint.MaxEnvelopeBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: QuickBooksWebConnectorSoapEndpoint.MaxEnvelopeBytes);
        try
        {
            var settings = QbXmlDocument.SafeSettings();
            settings.MaxCharactersInDocument = QuickBooksWebConnectorSoapEndpoint.MaxEnvelopeBytes;
            settings.Async = true;
            using var reader = XmlReader.Create(request.Body, settings);
            while (await reader.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (XmlException)
        {
            return Results.Problem("The body is not well-formed XML, or it carries a DTD or entity, which the endpoint refuses.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (IOException)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        finally
        {
            request.Body.Position = 0;
        }

        return null;
    }
}
