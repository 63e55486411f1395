using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MlConnector.Core.Auth;

/// <summary>
/// The authorization <c>state</c> parameter (RFC 6749 §10.12, CSRF protection): <c>{connectionId}.{nonce}</c>, where the
/// nonce is 256 random bits in Base64url. Only the nonce's SHA-256 is stored (on the connection's token row), so a
/// leaked row cannot be replayed; the callback is checked in constant time, once, before expiry.
/// </summary>
public static class OAuthState
{
    private const char Separator = '.';

    /// <summary>Reads the connection a callback's <c>state</c> claims to belong to, so the callback can be routed.</summary>
    /// <param name="state">The <c>state</c> query parameter from the provider's redirect.</param>
    /// <param name="connectionId">The connection id, when the state is well formed.</param>
    /// <returns>True when the state has the expected shape. This does <em>not</em> prove it is genuine:
    /// <see cref="IOAuthTokenManager.ExchangeCodeAsync"/> verifies it.</returns>
    public static bool TryGetConnectionId([NotNullWhen(true)] string? state, [NotNullWhen(true)] out string? connectionId)
    {
        connectionId = null;
        if (!TrySplit(state, out var id, out _))
        {
            return false;
        }

        connectionId = id;
        return true;
    }

    /// <summary>Makes a fresh state for <paramref name="connectionId"/> and the hash to store.</summary>
    internal static (string State, string NonceHash) Create(string connectionId)
    {
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (connectionId + Separator + nonce, Hash(nonce));
    }

    /// <summary>True when <paramref name="state"/> is the one whose nonce hash is <paramref name="storedHash"/>, for this connection.</summary>
    internal static bool Verify(string? state, string connectionId, string? storedHash)
    {
        if (storedHash is null || !TrySplit(state, out var id, out var nonce) || !string.Equals(id, connectionId, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromBase64String(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(nonce));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Hash(string nonce) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    private static bool TrySplit(string? state, out string connectionId, out string nonce)
    {
        connectionId = string.Empty;
        nonce = string.Empty;
        if (string.IsNullOrEmpty(state) || state.Length > 512)
        {
            return false;
        }

        var at = state.LastIndexOf(Separator);
        if (at <= 0 || at == state.Length - 1)
        {
            return false;
        }

        connectionId = state[..at];
        nonce = state[(at + 1)..];
        return true;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
