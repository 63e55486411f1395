using Microsoft.AspNetCore.Http;

namespace MlConnector.Functions.Http;

/// <summary>Reads optional query parameters the way the standalone host's minimal APIs bind them to <c>string?</c>.</summary>
internal static class QueryString
{
    /// <summary>The parameter's value, or null when it is absent or empty.</summary>
    public static string? Get(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }
}
