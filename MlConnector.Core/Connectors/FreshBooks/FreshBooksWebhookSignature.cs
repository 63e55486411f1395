using System.Security.Cryptography;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// FreshBooks webhook signatures (PROTOCOL-NOTES §4, freshbooks.github.io/freshbooks-python-sdk user guide "Webhooks"):
/// header <c>X-FreshBooks-Hmac-SHA256</c> = Base64(HMAC-SHA256(key = the callback's <c>verifier</c>, message =
/// <c>json.dumps(request.form)</c>)). The message is not the raw body but Python's default JSON rendering of the decoded
/// form fields: keys in form order, the first value of a repeated key, <c>", "</c> and <c>": "</c> separators, every
/// non-ASCII character as a lowercase <c>\uXXXX</c> escape (UTF-16, so astral characters become a surrogate pair), and
/// <c>"</c>, <c>\</c> and control characters escaped; <c>/</c> is not escaped.
/// </summary>
public static class FreshBooksWebhookSignature
{
    /// <summary>The signature header.</summary>
    public const string HeaderName = "X-FreshBooks-Hmac-SHA256";

    /// <summary>Decodes an <c>application/x-www-form-urlencoded</c> body (<c>+</c> is a space, <c>%XX</c> UTF-8 bytes), keeping order and repeats.</summary>
    /// <param name="body">The raw body.</param>
    /// <returns>The fields in body order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseForm(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            fields.Add(new(Decode(key), Decode(value)));
        }

        return fields;
    }

    /// <summary>The exact string FreshBooks signs for these form fields (Python <c>json.dumps</c> of the form).</summary>
    /// <param name="fields">The decoded form fields in body order.</param>
    /// <returns>The signed message.</returns>
    public static string SignedMessage(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder("{");
        foreach (var (key, value) in fields)
        {
            if (!seen.Add(key))
            {
                continue; // A MultiDict renders the first value of a repeated key.
            }

            if (builder.Length > 1)
            {
                builder.Append(", ");
            }

            AppendPythonJsonString(builder, key);
            builder.Append(": ");
            AppendPythonJsonString(builder, value);
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Base64(HMAC-SHA256(<paramref name="verifier"/>, <paramref name="message"/>)), both UTF-8.</summary>
    /// <param name="verifier">The callback's verifier (the signing key). A secret.</param>
    /// <param name="message">The signed message (<see cref="SignedMessage"/>).</param>
    /// <returns>The signature.</returns>
    public static string Compute(string verifier, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        ArgumentNullException.ThrowIfNull(message);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifier), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>Checks a delivery's signature in constant time.</summary>
    /// <param name="verifier">The callback's verifier. A secret.</param>
    /// <param name="formBody">The raw form body.</param>
    /// <param name="signature">The <c>X-FreshBooks-Hmac-SHA256</c> header, or null when absent.</param>
    /// <returns>True only when the header is present and equals the signature of the body's fields.</returns>
    public static bool Verify(string verifier, string formBody, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(verifier, SignedMessage(ParseForm(formBody))));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()));
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static void AppendPythonJsonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
