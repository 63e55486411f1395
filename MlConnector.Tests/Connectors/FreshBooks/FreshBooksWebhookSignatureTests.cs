using MlConnector.Core.Connectors.FreshBooks;

namespace MlConnector.Tests.Connectors.FreshBooks;

/// <summary>
/// The signed string and signature against vectors computed with Python's own <c>json.dumps(request.form)</c> and
/// <c>hmac</c>/<c>base64</c> (the code FreshBooks documents), so our rendering is pinned to the reference, not to itself.
/// </summary>
public sealed class FreshBooksWebhookSignatureTests
{
    private const string Verifier = "scrt-verifier-1";

    // The documented example delivery (freshbooks-python-sdk user guide, "Webhook Callbacks").
    private const string DocumentedBody = "name=invoice.create&object_id=1234567&account_id=6BApk&business_id=6543&identity_id=1234&user_id=1";

    [Fact]
    public void SignedMessage_DocumentedExample_IsPythonJsonDumpsOfTheFormInOrder()
    {
        var message = FreshBooksWebhookSignature.SignedMessage(FreshBooksWebhookSignature.ParseForm(DocumentedBody));

        Assert.Equal("""{"name": "invoice.create", "object_id": "1234567", "account_id": "6BApk", "business_id": "6543", "identity_id": "1234", "user_id": "1"}""", message);
        Assert.Equal("f/SmbqQ+wWbAkVxIEDY9eoHRyuyp1KgEsFD151WFAag=", FreshBooksWebhookSignature.Compute(Verifier, message));
    }

    [Fact]
    public void SignedMessage_UnicodePlusAndPercentEncoding_MatchesPython()
    {
        // '+' is a space, %2B a plus, %2F a slash (not escaped by Python), é and 📦 become \u escapes (a surrogate pair).
        const string body = "name=invoice.update&object_id=42&account_id=AB%2BC&note=caf%C3%A9+%F0%9F%93%A6&path=a%2Fb%20c";

        var message = FreshBooksWebhookSignature.SignedMessage(FreshBooksWebhookSignature.ParseForm(body));

        Assert.Equal("""{"name": "invoice.update", "object_id": "42", "account_id": "AB+C", "note": "caf\u00e9 \ud83d\udce6", "path": "a/b c"}""", message);
        Assert.True(FreshBooksWebhookSignature.Verify(Verifier, body, "cmWrvh9vmEMR0HllFog9zVmb7j66oIn/YK196mD5Tpg="));
    }

    [Fact]
    public void SignedMessage_RepeatedKey_KeepsTheFirstValueAndItsPosition()
    {
        const string body = "object_id=7&name=invoice.update&object_id=8";

        Assert.True(FreshBooksWebhookSignature.Verify(Verifier, body, "kJPngA2p6GWQAJ/MoCglkg/cP1wkLVJ4DbN3w9QgMBQ="));
    }

    [Fact]
    public void Verify_FieldOrderChanged_Fails()
    {
        // The same fields in another order make another JSON string: the order is part of what is signed.
        const string reordered = "object_id=1234567&name=invoice.create&account_id=6BApk&business_id=6543&identity_id=1234&user_id=1";

        Assert.False(FreshBooksWebhookSignature.Verify(Verifier, reordered, "f/SmbqQ+wWbAkVxIEDY9eoHRyuyp1KgEsFD151WFAag="));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("f/SmbqQ+wWbAkVxIEDY9eoHRyuyp1KgEsFD151WFAag")]
    [InlineData("AAAAqQ+wWbAkVxIEDY9eoHRyuyp1KgEsFD151WFAag=")]
    public void Verify_MissingTruncatedOrForgedSignature_Fails(string? signature)
    {
        Assert.False(FreshBooksWebhookSignature.Verify(Verifier, DocumentedBody, signature));
    }

    [Fact]
    public void Verify_TamperedValue_Fails()
    {
        Assert.False(FreshBooksWebhookSignature.Verify(Verifier, DocumentedBody.Replace("1234567", "1234568", StringComparison.Ordinal), "f/SmbqQ+wWbAkVxIEDY9eoHRyuyp1KgEsFD151WFAag="));
    }
}
