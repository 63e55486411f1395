using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.FreshBooks;

/// <summary>Every FreshBooks error shape, read from the SDK fixtures in <c>contracts/freshbooks</c>, through the real mapper.</summary>
public sealed class FreshBooksErrorClassifierTests
{
    [Theory]
    [InlineData("python-sdk-fixtures/get_client_response__not_found.json", HttpStatusCode.NotFound, ErrorKind.NotFound, "1012")]
    [InlineData("java-sdk-fixtures/get_client_response__not_found_old.json", HttpStatusCode.NotFound, ErrorKind.NotFound, "1012")]
    [InlineData("java-sdk-fixtures/get_client_response__not_found_new.json", HttpStatusCode.NotFound, ErrorKind.NotFound, "1012")]
    [InlineData("python-sdk-fixtures/get_callback_response__not_found.json", HttpStatusCode.NotFound, ErrorKind.NotFound, "404")]
    [InlineData("python-sdk-fixtures/create_callback_response__validation_error.json", HttpStatusCode.UnprocessableEntity, ErrorKind.Validation, "422")]
    [InlineData("python-sdk-fixtures/auth_me_response__no_auth.json", HttpStatusCode.Unauthorized, ErrorKind.NeedsReconsent, "unauthenticated")]
    public async Task MapAsync_FixtureBodies_AreClassifiedWithTheVendorCode(string fixture, HttpStatusCode status, ErrorKind kind, string code)
    {
        var body = await File.ReadAllTextAsync(ContractFiles.PathOf("freshbooks/" + fixture));

        var error = await MapAsync(status, body);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.VendorErrorCode);
    }

    [Fact]
    public async Task MapAsync_OldShapeValidationError_NamesTheField()
    {
        const string body = """{"response":{"errors":[{"errno":2001,"field":"email","message":"Invalid email.","object":"client","value":"x"}]}}""";

        var error = await MapAsync(HttpStatusCode.BadRequest, body);

        var validation = Assert.IsType<ConnectorValidationException>(error);
        Assert.Equal("email", validation.Field);
        Assert.Contains("Invalid email.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAsync_EventsValidationError_CarriesTheDetails()
    {
        var body = await File.ReadAllTextAsync(ContractFiles.PathOf("freshbooks/python-sdk-fixtures/create_callback_response__validation_error.json"));

        var error = await MapAsync(HttpStatusCode.UnprocessableEntity, body);

        Assert.Contains("Unrecognized event", error.Message, StringComparison.Ordinal);
    }

    private static async Task<ConnectorException> MapAsync(HttpStatusCode status, string body)
    {
        var mapper = new HttpErrorMapper([new FreshBooksErrorClassifier()], new FakeTimeProvider(), NullLogger<HttpErrorMapper>.Instance);
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        return await mapper.MapAsync(FreshBooksClient.Connector, response);
    }
}
