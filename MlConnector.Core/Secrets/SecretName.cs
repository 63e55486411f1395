using System.Text.RegularExpressions;

namespace MlConnector.Core.Secrets;

/// <summary>
/// Builds secret names that are valid in Key Vault (<c>^[0-9a-zA-Z-]{1,127}$</c>,
/// https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#object-identifiers)
/// and stable per connection: <c>conn-{connectionId}-{purpose}</c>.
/// </summary>
public static partial class SecretName
{
    /// <summary>The name of a secret that belongs to one connection.</summary>
    /// <param name="connectionId">The connection id (lowercase letters, digits and hyphens).</param>
    /// <param name="purpose">What it is, for example <c>qbo-refresh-token</c>, <c>shipstation-api-secret</c>.</param>
    /// <returns>The secret name.</returns>
    /// <exception cref="ArgumentException">When the result would not be a valid Key Vault secret name.</exception>
    public static string For(string connectionId, string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var name = $"conn-{connectionId}-{purpose}";
        return IsValid(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid secret name: use letters, digits and hyphens, at most 127 characters.", nameof(purpose));
    }

    /// <summary>True when <paramref name="name"/> is a valid Key Vault secret name.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex ValidName();
}
