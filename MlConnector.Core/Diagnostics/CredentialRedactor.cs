using System.Text.RegularExpressions;

namespace MlConnector.Core.Diagnostics;

/// <summary>
/// The last line of defence against credentials in stored text: replaces <c>Bearer …</c>, <c>Basic …</c> and
/// <c>access_token</c> / <c>refresh_token</c> / <c>client_secret</c> / <c>api_key</c> / <c>password</c> values with
/// <c>[redacted]</c>. Used on vendor error bodies (a vendor may echo the header it refused) and audit details.
/// Callers must still never pass secrets on purpose.
/// </summary>
public static partial class CredentialRedactor
{
    /// <summary>Redacts credentials in <paramref name="text"/>.</summary>
    /// <param name="text">Any text, or null.</param>
    /// <returns>The text with credential values replaced, or null.</returns>
    public static string? Redact(string? text) =>
        text is null ? null : CredentialPattern().Replace(text, m => m.Groups["label"].Value + "[redacted]");

    [GeneratedRegex(@"(?<label>\b(?:Bearer|Basic)\s+|\b(?:access_token|refresh_token|client_secret|api[-_]?key|password)[""']?\s*[:=]\s*[""']?)[A-Za-z0-9\-._~+/=]{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialPattern();
}
