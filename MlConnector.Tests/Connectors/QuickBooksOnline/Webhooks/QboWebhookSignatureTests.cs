using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.QuickBooksOnline.Webhooks;

/// <summary>The intuit-signature check against Intuit's own test vector (contracts/quickbooks-online/webhooks/signature-vector.json).</summary>
public class QboWebhookSignatureTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(File.ReadAllText(ContractFiles.PathOf("quickbooks-online/webhooks/signature-vector.json"))).RootElement;

    private static string Token => Vector.GetProperty("verifierToken").GetString()!;

    private static string Expected => Vector.GetProperty("expectedSignature").GetString()!;

    private static byte[] Payload => File.ReadAllBytes(ContractFiles.PathOf("quickbooks-online/webhooks/" + Vector.GetProperty("payloadFile").GetString()));

    [Fact]
    public void Compute_ContractVector_GivesIntuitsSignature()
    {
        // Act
        var signature = QboWebhookSignature.Compute(Token, Payload);

        // Assert
        Assert.Equal(Expected, signature);
        Assert.Equal(QboWebhookSignature.HeaderName, Vector.GetProperty("header").GetString());
    }

    [Fact]
    public void IsValid_ContractVector_ReturnsTrue()
    {
        // Act
        var valid = QboWebhookSignature.IsValid(Token, Expected, Payload);

        // Assert
        Assert.True(valid);
    }

    [Fact]
    public void IsValid_TamperedBody_ReturnsFalse()
    {
        // Arrange: one byte of the body changed ("40" → "41").
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Payload).Replace("\"id\":\"40\"", "\"id\":\"41\"", StringComparison.Ordinal));

        // Act
        var valid = QboWebhookSignature.IsValid(Token, Expected, tampered);

        // Assert
        Assert.NotEqual(Payload, tampered);
        Assert.False(valid);
    }

    [Fact]
    public void IsValid_WrongToken_ReturnsFalse()
    {
        // Act
        var valid = QboWebhookSignature.IsValid("11111111-08d0-4996-bb37-698ae19f0149", Expected, Payload);

        // Assert
        Assert.False(valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("6q+xGyMirJupwKTh2/WBl2Nc")]
    public void IsValid_MissingEmptyMalformedOrShortHeader_ReturnsFalse(string? header)
    {
        // Act
        var valid = QboWebhookSignature.IsValid(Token, header, Payload);

        // Assert
        Assert.False(valid);
    }
}
