using MlConnector.Core.Diagnostics;
using MlConnector.Core.Errors;

namespace MlConnector.Tests.Diagnostics;

public class CredentialRedactorTests
{
    [Theory]
    [InlineData("Authorization: Bearer eyJhbGciOi.abc", "Authorization: Bearer [redacted]")]
    [InlineData("{\"received\":\"Basic a2V5OnNlY3JldA==\"}", "{\"received\":\"Basic [redacted]\"}")]
    [InlineData("refresh_token=AB12cd34EF56&x=1", "refresh_token=[redacted]&x=1")]
    [InlineData("{\"client_secret\": \"s3cr3tvalue\"}", "{\"client_secret\": \"[redacted]\"}")]
    [InlineData("Order 1001 has no SKU mapping", "Order 1001 has no SKU mapping")]
    public void Redact_KnownCredentialShapes_AreReplaced(string text, string expected)
    {
        Assert.Equal(expected, CredentialRedactor.Redact(text));
    }

    [Fact]
    public void ConnectorException_VendorEchoesCredential_BodyIsRedacted()
    {
        var ex = new ConnectorAuthException("shipstation", "401 from GET /orders", HttpStatusCode.Unauthorized, vendorErrorBody: "{\"received\":\"Basic a2V5OnNlY3JldA==\"}");

        Assert.DoesNotContain("a2V5OnNlY3JldA==", ex.VendorErrorBody, StringComparison.Ordinal);
    }
}
