using System.Text;

namespace MlConnector.Sandbox;

/// <summary>Reads HTTP Basic credentials (RFC 7617) from an <c>Authorization</c> header.</summary>
public static class BasicCredentials
{
    /// <summary>The user name and password of a <c>Basic</c> header, or null when the header is not Basic or not well formed.</summary>
    /// <param name="authorizationHeader">The header value.</param>
    /// <returns>The pair, or null.</returns>
    public static (string UserName, string Password)? Decode(string authorizationHeader)
    {
        ArgumentNullException.ThrowIfNull(authorizationHeader);
        if (!authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
