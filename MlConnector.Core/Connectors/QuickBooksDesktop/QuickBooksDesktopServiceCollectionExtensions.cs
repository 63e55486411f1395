using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using SoapCore;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>Registers the QuickBooks Desktop connector: the Web Connector SOAP endpoint and the request outbox.</summary>
public static class QuickBooksDesktopServiceCollectionExtensions
{
    /// <summary>
    /// The path QBWC calls (the <c>.qwc</c>'s AppURL); its WSDL is at <c>{path}?wsdl</c>. Under <c>/api</c> on both hosts,
    /// because the Functions app prefixes every HTTP route with host.json's <c>routePrefix</c> (<c>api</c>).
    /// </summary>
    public const string EndpointPath = "/api/qbwc";

    /// <summary>
    /// Adds <see cref="QuickBooksWebConnectorService"/> as <see cref="IQuickBooksWebConnectorService"/>,
    /// <see cref="QuickBooksDesktopOutbox"/>, the validated <see cref="QuickBooksWebConnectorOptions"/> (section
    /// <c>Connectors:QuickBooksDesktop</c>) and SoapCore. Needs <c>TableProvider</c>, <c>IConnectionStore</c> and <c>ISecretStore</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddQuickBooksDesktopConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QuickBooksWebConnectorOptions>().BindConfiguration(QuickBooksWebConnectorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<QuickBooksDesktopOutbox>();
        services.TryAddSingleton<QuickBooksWebConnectorPresence>();
        services.TryAddScoped<QuickBooksWebConnectorService>();
        services.TryAddScoped<IQuickBooksWebConnectorService>(sp => sp.GetRequiredService<QuickBooksWebConnectorService>());
        services.TryAddScoped<QuickBooksWebConnectorSoapEndpoint>();
        services.AddSoapCore();
        return services;
    }

    /// <summary>
    /// Serves the Web Connector SOAP endpoint at <see cref="EndpointPath"/> with SoapCore's XmlSerializer (document/literal,
    /// <c>ArrayOfString</c> as ASMX writes it; the DataContractSerializer would write arrays QBWC cannot read,
    /// toolchain.md §2). A POST that is not <c>text/xml</c>, not well-formed or carries a DTD is refused first by
    /// <see cref="QuickBooksWebConnectorRequestGuard"/> (415/413/400), so SoapCore only ever reads DTD-free XML.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseQuickBooksWebConnector(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(EndpointPath, StringComparison.OrdinalIgnoreCase)
                && await QuickBooksWebConnectorRequestGuard.CheckAsync(context.Request, context.RequestAborted) is { } refused)
            {
                await refused.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.UseSoapEndpoint<IQuickBooksWebConnectorService>(EndpointPath, new SoapEncoderOptions(), SoapSerializer.XmlSerializer);
        return app;
    }
}
