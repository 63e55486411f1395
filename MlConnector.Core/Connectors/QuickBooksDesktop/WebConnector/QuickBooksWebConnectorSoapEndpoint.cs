using System.Collections.Concurrent;
using System.Reflection;
using System.ServiceModel;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Serialization;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// The Web Connector SOAP endpoint without SoapCore, for the Azure Functions app: SoapCore is ASP.NET Core middleware,
/// and the isolated worker runs functions, not an ASP.NET Core middleware pipeline, so the HTTP trigger hands the raw
/// envelope here. It reads the SOAP 1.1 body element, finds the operation by the <see cref="OperationContractAttribute.Name"/>
/// on <see cref="IQuickBooksWebConnectorService"/> (Intuit's WSDL names, namespace <c>http://developer.intuit.com/</c>),
/// binds the parameters by the WSDL's element names, calls the same <see cref="QuickBooksWebConnectorService"/> the standalone host
/// serves through SoapCore, and writes <c>{operation}Response/{operation}Result</c> with <see cref="XmlSerializer"/> (so a
/// <c>string[]</c> is the ASMX <c>ArrayOfString</c> of <c>string</c> elements, as under SoapCore's XmlSerializer). GET
/// <c>?wsdl</c> returns the WSDL of Intuit's hosted test service with all eight operations
/// (contracts/quickbooks-desktop/qbwc/TroubleshootWebServiceFS.intuit-hosted.wsdl, embedded; Intuit's sample
/// QBWebConnectorSvc.wsdl lacks serverVersion and clientVersion), its <c>soap:address</c> set to the request URL.
/// </summary>
/// <remarks>
/// Untrusted XML: <see cref="QuickBooksWebConnectorRequestGuard"/> answers a body that is not <c>text/xml</c> (415), over
/// <see cref="MaxEnvelopeBytes"/> (413), not well-formed or with a DTD (400) first; the envelope is then read with DTDs
/// prohibited and no resolver. A well-formed body that is not a SOAP envelope, or names an unknown operation, gets a
/// SOAP 1.1 <c>Client</c> fault with HTTP 500 (SOAP 1.1 §6.2).
/// </remarks>
/// <param name="service">The Web Connector service.</param>
/// <param name="logger">The logger.</param>
public sealed class QuickBooksWebConnectorSoapEndpoint(QuickBooksWebConnectorService service, ILogger<QuickBooksWebConnectorSoapEndpoint> logger)
{
    /// <summary>The largest envelope read: 48 MiB (a receiveResponseXML carries up to <see cref="QbXmlDocument.MaxResponseCharacters"/> characters, escaped).</summary>
    public const int MaxEnvelopeBytes = 48 * 1024 * 1024;

    private const string SoapNs = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Ns = IQuickBooksWebConnectorService.Namespace;
    private static readonly Dictionary<string, MethodInfo> Operations = typeof(IQuickBooksWebConnectorService).GetMethods()
        .Select(m => (Method: m, Contract: m.GetCustomAttribute<OperationContractAttribute>()))
        .Where(p => p.Contract?.Name is not null)
        .ToDictionary(p => p.Contract!.Name!, p => p.Method, StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<(Type, string), XmlSerializer> Serializers = new();

    /// <summary>Answers one HTTP request to the endpoint (see the class remarks).</summary>
    /// <param name="request">The request: GET <c>?wsdl</c>, or POST of a SOAP 1.1 envelope.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The HTTP answer.</returns>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method))
        {
            return request.Query.ContainsKey("wsdl") || request.QueryString.Value?.Contains("wsdl", StringComparison.OrdinalIgnoreCase) == true
                ? Results.Text(Wsdl(new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}")), "text/xml; charset=utf-8")
                : Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }

        if (await QuickBooksWebConnectorRequestGuard.CheckAsync(request, cancellationToken) is { } refused)
        {
            logger.QbdSoapRejected("not text/xml, too large, or not well-formed DTD-free XML");
            return refused;
        }

        XElement operation;
        try
        {
            using var limited = new MemoryStream();
            await CopyCappedAsync(request.Body, limited, cancellationToken);
            limited.Position = 0;
            var settings = QbXmlDocument.SafeSettings();
            settings.MaxCharactersInDocument = MaxEnvelopeBytes;
            settings.Async = true;
            using var reader = XmlReader.Create(limited, settings);
            var envelope = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
            operation = envelope.Root?.Element(XName.Get("Body", SoapNs))?.Elements().FirstOrDefault()
                ?? throw new XmlException("The body is not a SOAP 1.1 envelope with a body element.");
        }
        catch (InvalidDataException)
        {
            logger.QbdSoapRejected("the envelope is larger than the cap");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (XmlException ex)
        {
            logger.QbdSoapRejected("not a well-formed SOAP envelope, or it carries a DTD or entity");
            return Fault("The request is not a SOAP 1.1 envelope ml-connector accepts: " + ex.Message);
        }

        if (operation.Name.NamespaceName != Ns || !Operations.TryGetValue(operation.Name.LocalName, out var method))
        {
            logger.QbdSoapRejected("unknown operation " + operation.Name.LocalName);
            return Fault($"Unknown operation {operation.Name}.");
        }

        var arguments = method.GetParameters().Select(p => Bind(operation, p)).ToArray();
        var task = (Task)method.Invoke(service, arguments)!;
        await task;
        var result = task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
        return Results.Text(Envelope(operation.Name.LocalName, method.ReturnType.GetGenericArguments()[0], result), "text/xml; charset=utf-8");
    }

    private static object Bind(XElement operation, ParameterInfo parameter)
    {
        var value = (string?)operation.Element(XName.Get(parameter.Name!, Ns)) ?? (string?)operation.Element(parameter.Name!);
        return parameter.ParameterType == typeof(int)
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0
            : value ?? string.Empty;
    }

    private static string Envelope(string operation, Type resultType, object? result)
    {
        var serializer = Serializers.GetOrAdd((resultType, operation), key => new XmlSerializer(key.Item1, new XmlRootAttribute(key.Item2 + "Result") { Namespace = Ns }));
        var resultElement = new XDocument();
        using (var writer = resultElement.CreateWriter())
        {
            serializer.Serialize(writer, result);
        }

        resultElement.Root!.Attributes().Where(a => a.IsNamespaceDeclaration && a.Name.LocalName is "xsi" or "xsd").Remove();
        var envelope = new XElement(
            XName.Get("Envelope", SoapNs),
            new XAttribute(XNamespace.Xmlns + "soap", SoapNs),
            new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            new XAttribute(XNamespace.Xmlns + "xsd", "http://www.w3.org/2001/XMLSchema"),
            new XElement(XName.Get("Body", SoapNs), new XElement(XName.Get(operation + "Response", Ns), new XAttribute("xmlns", Ns), resultElement.Root)));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + envelope.ToString(SaveOptions.DisableFormatting);
    }

    private static IResult Fault(string message)
    {
        var envelope = new XElement(
            XName.Get("Envelope", SoapNs),
            new XAttribute(XNamespace.Xmlns + "soap", SoapNs),
            new XElement(XName.Get("Body", SoapNs), new XElement(XName.Get("Fault", SoapNs), new XElement("faultcode", "soap:Client"), new XElement("faultstring", message))));
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + envelope.ToString(SaveOptions.DisableFormatting), "text/xml; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError);
    }

    private static string Wsdl(Uri location)
    {
        using var stream = typeof(QuickBooksWebConnectorSoapEndpoint).Assembly.GetManifestResourceStream("QBWebConnectorSvc.wsdl")
            ?? throw new InvalidOperationException("The QBWC WSDL is not embedded in MlConnector.Core.");
        using var reader = XmlReader.Create(stream, QbXmlDocument.SafeSettings());
        var wsdl = XDocument.Load(reader);
        foreach (var address in wsdl.Descendants().Where(e => e.Name.LocalName == "address"))
        {
            address.SetAttributeValue("location", location.AbsoluteUri);
        }

        return wsdl.Declaration + wsdl.ToString(SaveOptions.DisableFormatting);
    }

    private static async Task CopyCappedAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxEnvelopeBytes)
            {
                throw new InvalidDataException("The envelope is larger than the cap.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
