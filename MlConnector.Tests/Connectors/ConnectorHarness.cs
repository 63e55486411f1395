using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors;

/// <summary>
/// The rig the connector harnesses share: one connection stored in Azurite, the secrets in a
/// <see cref="RecordingSecretStore"/>, settings as a deployment would give them (plus a test's overrides), every log line
/// in a <see cref="FakeLogCollector"/>, and the vendor's real <typeparamref name="TClient"/> exactly as its
/// <c>Add…Connector</c> registers it, talking to the vendor fakes over loopback. Disposing stops the services, then the fakes.
/// </summary>
/// <typeparam name="TClient">The connector's client interface.</typeparam>
public abstract class ConnectorHarness<TClient> : IAsyncDisposable
    where TClient : notnull
{
    private readonly ServiceProvider _services;
    private readonly IAsyncDisposable[] _vendors;

    /// <summary>Takes over what <see cref="BuildAsync"/> made and the vendor fakes to stop last.</summary>
    protected ConnectorHarness(Parts parts, params IAsyncDisposable[] vendors)
    {
        ArgumentNullException.ThrowIfNull(parts);
        (_services, Logs, Secrets, Connections) = parts;
        _vendors = vendors;
    }

    public FakeLogCollector Logs { get; }

    public RecordingSecretStore Secrets { get; }

    public IConnectionStore Connections { get; }

    public TClient Client => _services.GetRequiredService<TClient>();

    public IServiceProvider Services => _services;

    /// <summary>
    /// Stores <paramref name="connection"/> in fresh Azurite tables, then builds the services: configuration
    /// (<paramref name="configuration"/>, then <paramref name="overrides"/> over it), trace-level logging, the clock, the
    /// secrets, the connection store, and what <paramref name="addConnector"/> adds (given the tables).
    /// </summary>
    protected static async Task<Parts> BuildAsync(
        AzuriteFixture azurite,
        TimeProvider time,
        RecordingSecretStore secrets,
        Connection connection,
        Dictionary<string, string?> configuration,
        IReadOnlyDictionary<string, string?>? overrides,
        Action<IServiceCollection, TableProvider> addConnector)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(addConnector);
        var tables = azurite.NewTables();
        var store = new TableConnectionStore(tables, time);
        await store.CreateAsync(connection);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton(time);
        services.AddSingleton<ISecretStore>(secrets);
        services.AddSingleton<IConnectionStore>(store);
        addConnector(services, tables);
        return new Parts(services.BuildServiceProvider(validateScopes: true), logs, secrets, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        foreach (var vendor in _vendors)
        {
            await vendor.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>What <see cref="BuildAsync"/> made, for the derived harness's constructor.</summary>
    protected sealed record Parts(ServiceProvider Services, FakeLogCollector Logs, RecordingSecretStore Secrets, IConnectionStore Connections);
}
