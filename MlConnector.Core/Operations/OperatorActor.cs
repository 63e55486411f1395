using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Operations;

/// <summary>
/// The one seam that names the operator behind an operator API call in audit rows. Until operator authentication
/// (<c>OperatorIdentity</c>) is wired in, every caller is <c>operator</c>; point this method at the authenticated identity.
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
        return Default;
    }
}
