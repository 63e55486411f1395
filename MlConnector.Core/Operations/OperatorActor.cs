using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Operations;

/// <summary>
/// The name of the operator behind an operator API call, for audit rows: the authenticated <see cref="OperatorIdentity"/>'s
/// name, or <c>operator</c> when the request carries none.
/// </summary>
public static class OperatorActor
{
    /// <summary>The name written to audit rows for the operator behind a request.</summary>
    public const string Default = "operator";

    /// <summary>Who is acting.</summary>
    /// <param name="context">The request's context.</param>
    /// <returns>The operator's name for audit rows (never a credential).</returns>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OperatorIdentity.Of(context).Name is { Length: > 0 } name ? name : Default;
    }
}
