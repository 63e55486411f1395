using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Operations;

/// <summary>
/// Who called an operator route, as established by the host's authentication: the standalone host's bearer token, or
/// on Azure a function key or an Entra ID principal (App Service authentication). Written into the audit row of every
/// operator action (<see cref="OperatorAudit"/>).
/// </summary>
/// <param name="Name">The operator's name: the Entra ID principal name, or the name the caller declared in
/// <see cref="NameHeader"/> (self-declared, for the audit trail only), or <c>operator</c> when none was given.</param>
/// <param name="Method">How the caller was authenticated: <see cref="BearerToken"/>, <see cref="FunctionKey"/> or <see cref="EntraId"/>.</param>
public sealed record OperatorIdentity(string Name, string Method)
{
    /// <summary>The request header in which the CLI declares the operator's name (the user name on the machine running it).</summary>
    public const string NameHeader = "X-MlConnector-Operator";

    /// <summary>Authenticated by the standalone host's operator bearer token.</summary>
    public const string BearerToken = "bearer-token";

    /// <summary>Authenticated by an Azure Functions function or host key.</summary>
    public const string FunctionKey = "function-key";

    /// <summary>Authenticated by App Service authentication with Entra ID (<c>X-MS-CLIENT-PRINCIPAL-*</c> headers).</summary>
    public const string EntraId = "entra-id";

    private const string ItemKey = "MlConnector.OperatorIdentity";
    private const int MaxNameLength = 128;

    /// <summary>The identity the host's authentication stored on the request, or <c>operator (unknown)</c> when none was stored.</summary>
    /// <param name="context">The request's context.</param>
    /// <returns>The identity.</returns>
    public static OperatorIdentity Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is OperatorIdentity identity ? identity : new("operator", "unknown");
    }

    /// <summary>Stores the authenticated identity on the request, for the handlers.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="identity">The identity.</param>
    public static void Set(HttpContext context, OperatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = identity;
    }

    /// <summary>The identity of a caller authenticated by <paramref name="method"/>, named by <see cref="NameHeader"/> when it sent one.</summary>
    /// <param name="request">The request.</param>
    /// <param name="method">How it was authenticated.</param>
    /// <returns>The identity.</returns>
    public static OperatorIdentity Declared(HttpRequest request, string method)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(Clean(request.Headers[NameHeader].ToString()) ?? "operator", method);
    }

    /// <summary>Printable ASCII only, at most 128 characters, so an audit row cannot be forged with control characters.</summary>
    /// <param name="name">The declared name.</param>
    /// <returns>The cleaned name, or null when nothing is left.</returns>
    public static string? Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var kept = new string([.. name.Where(c => c is >= ' ' and <= '~').Take(MaxNameLength)]).Trim();
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>For the audit row: <c>alice (bearer-token)</c>.</summary>
    /// <returns>The name and method.</returns>
    public override string ToString() => $"{Name} ({Method})";
}
