namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>ASP.NET Core integration (Worker.Extensions.Http.AspNetCore 2.1.1).</summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    /// <summary>Routes HTTP triggers through ASP.NET Core. Not available in the compat build, which is never run.</summary>
    /// <exception cref="NotSupportedException">Always, in the compat build.</exception>
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder)
        => throw new NotSupportedException("compat build: reference assembly only");
}
