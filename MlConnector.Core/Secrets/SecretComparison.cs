using System.Security.Cryptography;

namespace MlConnector.Core.Secrets;

/// <summary>Compares a presented secret (a URL path secret, a webhook key) with the expected one without leaking, through timing, how much of it matched.</summary>
public static class SecretComparison
{
    /// <summary>
    /// True when <paramref name="presented"/> equals <paramref name="expected"/>. Both are hashed with SHA-256 first, so the
    /// comparison takes the same time whatever their lengths and contents (<see cref="CryptographicOperations.FixedTimeEquals"/>).
    /// </summary>
    /// <param name="expected">The secret on record.</param>
    /// <param name="presented">What the caller sent; null or empty never matches a non-empty secret.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool FixedTimeEquals(string expected, string? presented)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty)));
    }
}
