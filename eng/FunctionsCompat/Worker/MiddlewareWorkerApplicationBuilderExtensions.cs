using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Middleware registration (Worker.Core 2.52.0; namespace Microsoft.Extensions.Hosting as in the real package).</summary>
public static class MiddlewareWorkerApplicationBuilderExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as a singleton and adds it to the pipeline, resolved per invocation.</summary>
    public static IFunctionsWorkerApplicationBuilder UseMiddleware<T>(this IFunctionsWorkerApplicationBuilder builder)
        where T : class, IFunctionsWorkerMiddleware
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<T>();
        builder.Use(next => context => context.InstanceServices.GetRequiredService<T>().Invoke(context, next));
        return builder;
    }
}
