using Microsoft.AspNetCore.Http;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Access to the ASP.NET Core request of an HTTP invocation (Worker.Extensions.Http.AspNetCore 2.1.1).</summary>
public static class FunctionContextExtensions
{
    /// <summary>The item key under which the ASP.NET Core integration stores the invocation's <see cref="HttpContext"/>.</summary>
    private const string HttpContextKey = "HttpRequestContext";

    /// <summary>The invocation's <see cref="HttpContext"/>, or null for a non-HTTP invocation.</summary>
    public static HttpContext? GetHttpContext(this FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(HttpContextKey, out var value) && value is HttpContext httpContext ? httpContext : null;
    }
}
