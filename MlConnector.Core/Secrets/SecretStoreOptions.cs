using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Secrets;

/// <summary>
/// Chooses and configures the <see cref="ISecretStore"/>: Key Vault when <see cref="KeyVaultUri"/> is set
/// (<see cref="KeyVaultSecretStore"/>), otherwise the encrypted local table (<see cref="LocalSecretStore"/>).
/// </summary>
/// <remarks>Holds locations only, never a secret: Key Vault is reached with the host's managed identity.</remarks>
public sealed class SecretStoreOptions : IValidatableObject
{
    /// <summary>The configuration section: <c>Secrets</c>.</summary>
    public const string SectionName = "Secrets";

    /// <summary>
    /// The vault, for example <c>https://contoso-ml.vault.azure.net/</c>. When set, secrets live in Key Vault;
    /// it must be an absolute <c>https</c> URI (the SDK refuses to send bearer tokens over plain HTTP).
    /// </summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>
    /// Where the local store keeps its ASP.NET Core Data Protection key ring. Relative paths are resolved against
    /// the current directory. When empty: <c>.mlconnector/keys</c> under the user's local application data
    /// folder (<c>%LOCALAPPDATA%</c> on Windows, <c>~/.local/share</c> on Linux). Losing this folder makes every
    /// locally stored secret unreadable.
    /// </summary>
    public string? LocalKeyDirectory { get; set; }

    /// <summary>True when secrets live in Key Vault.</summary>
    public bool UsesKeyVault => KeyVaultUri is not null;

    /// <summary>The absolute key-ring directory the local store uses (see <see cref="LocalKeyDirectory"/>).</summary>
    /// <returns>A full path; the directory may not exist yet.</returns>
    public string ResolveLocalKeyDirectory()
    {
        if (!string.IsNullOrWhiteSpace(LocalKeyDirectory))
        {
            return Path.GetFullPath(LocalKeyDirectory);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Directory.GetCurrentDirectory();
        }

        return Path.GetFullPath(Path.Combine(root, ".mlconnector", "keys"));
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyVaultUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                "Secrets:KeyVaultUri must be an absolute https URI, for example https://contoso-ml.vault.azure.net/.",
                [nameof(KeyVaultUri)]);
        }
    }
}
