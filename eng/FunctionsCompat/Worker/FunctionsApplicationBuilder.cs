using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
/// The isolated worker's host builder (Worker 2.52.0; internal constructor). The compat build delegates to a generic
/// <see cref="HostApplicationBuilder"/> and records middleware without running a pipeline: it is never deployed.
/// </summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder, IFunctionsWorkerApplicationBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

    internal FunctionsApplicationBuilder(string[] args)
    {
        _host = Host.CreateApplicationBuilder(args);
    }

    public IDictionary<object, object> Properties => ((IHostApplicationBuilder)_host).Properties;

    public ConfigurationManager Configuration => _host.Configuration;

    IConfigurationManager IHostApplicationBuilder.Configuration => _host.Configuration;

    public IHostEnvironment Environment => _host.Environment;

    public ILoggingBuilder Logging => _host.Logging;

    public IMetricsBuilder Metrics => _host.Metrics;

    public IServiceCollection Services => _host.Services;

    public IHost Build() => _host.Build();

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull
        => _host.ConfigureContainer(factory, configure);

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }
}
