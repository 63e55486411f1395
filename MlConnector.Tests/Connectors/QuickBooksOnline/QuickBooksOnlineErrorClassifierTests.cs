using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>The QBO Fault classifier through the shared <see cref="HttpErrorMapper"/>, with JSON and XML Fault bodies.</summary>
public sealed class QuickBooksOnlineErrorClassifierTests
{
    [Theory]
    [InlineData(400, "ValidationFault", "5010", "", ErrorKind.Conflict)]
    [InlineData(400, "ValidationFault", "610", "", ErrorKind.NotFound)]
    [InlineData(400, "ValidationFault", "6240", "DisplayName", ErrorKind.Validation)]
    [InlineData(400, "ValidationFault", "6140", "DocNumber", ErrorKind.Validation)]
    [InlineData(400, "ValidationFault", "2500", "ItemRef", ErrorKind.Validation)]
    [InlineData(400, "ValidationFault", "6000", "", ErrorKind.Validation)]
    [InlineData(401, "AuthenticationFault", "100", "", ErrorKind.NeedsReconsent)]
    [InlineData(403, "AuthorizationFault", "120", "", ErrorKind.NeedsReconsent)]
    [InlineData(200, "AuthenticationFault", "120", "", ErrorKind.NeedsReconsent)]
    [InlineData(500, "SystemFault", "10000", "", ErrorKind.Transient)]
    [InlineData(200, "SystemFault", "10000", "", ErrorKind.Transient)]
    [InlineData(200, "ValidationFault", "6000", "", ErrorKind.Validation)]
    [InlineData(429, "SystemFault", "3001", "", ErrorKind.RateLimited)]
    public async Task MapAsync_JsonAndXmlFault_ClassifiedAlike(int status, string type, string code, string element, ErrorKind expected)
    {
        // Arrange
        var sut = CreateSut();
        var json = $$"""{"Fault":{"Error":[{"Message":"Msg {{code}}","Detail":"Detail {{code}}","code":"{{code}}","element":"{{element}}"}],"type":"{{type}}"},"time":"2017-09-29T09:17:31.892-07:00"}""";
        var xml = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2017-09-29T09:17:31.892-07:00"><Fault type="{type}"><Error code="{code}" element="{element}"><Message>Msg {code}</Message><Detail>Detail {code}</Detail></Error></Fault></IntuitResponse>""";

        // Act
        var fromJson = await MapAsync(sut, status, json, "application/json");
        var fromXml = await MapAsync(sut, status, xml, "application/xml");

        // Assert
        foreach (var error in new[] { fromJson, fromXml })
        {
            Assert.Equal(expected, error.Kind);
            Assert.Equal(code, error.VendorErrorCode);
            Assert.True(error.Message.Contains($"Detail {code}", StringComparison.Ordinal), error.Message);
            if (expected == ErrorKind.Validation)
            {
                Assert.Equal(element.Length == 0 ? null : element, Assert.IsType<ConnectorValidationException>(error).Field);
            }
        }
    }

    [Fact]
    public async Task MapAsync_DocsTemplateFault_IsParsed()
    {
        // Arrange: contracts/quickbooks-online/errors/fault.docs-template.json, with its placeholders filled.
        var template = await File.ReadAllTextAsync(Path.Combine(QboXsdContract.ContractsDirectory(), "errors", "fault.docs-template.json"));
        var body = template.Replace("<message>", "Stale Object Error", StringComparison.Ordinal).Replace("<detail>", "Stale Object Error : You and Jo were working on this at the same time.", StringComparison.Ordinal).Replace("<code>", "5010", StringComparison.Ordinal);

        // Act
        var error = await MapAsync(CreateSut(), 400, body, "application/json");

        // Assert
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("5010", error.VendorErrorCode);
    }

    [Fact]
    public async Task MapAsync_LowerCaseAuthenticationFaultWithPaddedCode_NeedsReconsent()
    {
        // Arrange: the shape QBO's authentication layer answers 401 with.
        const string body = """{"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: Bearer secret-token-value","code":"3200","element":null}],"type":"AUTHENTICATION"},"time":1700000000000}""";

        // Act
        var error = await MapAsync(CreateSut(), 401, body, "application/json");

        // Assert
        Assert.Equal(ErrorKind.NeedsReconsent, error.Kind);
        Assert.Equal("3200", error.VendorErrorCode);
        Assert.DoesNotContain("secret-token-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", error.VendorErrorBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NoFaultInBody_ReturnsNull()
    {
        // Arrange
        var sut = new QuickBooksOnlineErrorClassifier();
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);

        // Act
        var result = sut.Classify(new VendorErrorContext("qbo", HttpStatusCode.BadGateway, ErrorKind.Transient, "<html>bad gateway</html>", "text/html", response.Headers));

        // Assert
        Assert.Null(result);
    }

    private static HttpErrorMapper CreateSut() =>
        new([new QuickBooksOnlineErrorClassifier()], new FakeTimeProvider(), NullLogger<HttpErrorMapper>.Instance);

    private static async Task<ConnectorException> MapAsync(HttpErrorMapper sut, int status, string body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://quickbooks.api.intuit.com/v3/company/1/invoice?minorversion=75");
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
        return await sut.MapAsync("qbo", response);
    }
}
