using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Auth;
using MlConnector.Tests.Connections;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>
/// Loopback Kestrel serving the real Web Connector endpoint (SoapCore) with sessions and the outbox in Azurite, for one
/// <c>qbd-shipstation</c> connection whose user name and password are <see cref="UserName"/> and <see cref="Password"/>.
/// The connection store is a collaborator. With functionsEndpoint, the Functions app's SOAP dispatcher serves instead of SoapCore.
/// </summary>
public sealed class WebConnectorTestHost : IAsyncDisposable
{
    public const string ConnectionId = "acme-qbd";
    public const string UserName = "acme-qbwc";
    public const string Password = "correct horse battery staple";

    private readonly WebApplication _app;

    private WebConnectorTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, QuickBooksDesktopServiceCollectionExtensions.EndpointPath);

    public HttpClient Http { get; }

    public QuickBooksDesktopOutbox Outbox => _app.Services.GetRequiredService<QuickBooksDesktopOutbox>();

    public static async Task<WebConnectorTestHost> StartAsync(TableProvider tables, FakeTimeProvider time, bool functionsEndpoint = false, IWorkflowClient? workflows = null)
    {
        var connection = new Connection
        {
            Id = ConnectionId,
            Kind = IntegrationKinds.QbdShipStation,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["qbd"] = new Dictionary<string, string> { ["qbwcUserName"] = UserName } },
        };

        // Written as the version before the user-name index wrote it: authenticate indexes it on first use.
        await LegacyConnectionRow.WriteAsync(tables, connection);
        var secrets = new RecordingSecretStore();
        secrets.Seed(SecretName.For(ConnectionId, QuickBooksWebConnectorService.PasswordSecret), Password);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(tables);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IConnectionStore>(new TableConnectionStore(tables, time));
        builder.Services.AddSingleton<ISecretStore>(secrets);
        builder.Services.AddWorkflows();
        if (workflows is not null)
        {
            builder.Services.AddSingleton(workflows);
        }

        builder.Services.AddQuickBooksDesktopConnector();
        var app = builder.Build();
        if (functionsEndpoint)
        {
            // What the Functions app's QbdWebConnectorHttp trigger does: hand the request to Core's dispatcher.
            app.MapMethods(QuickBooksDesktopServiceCollectionExtensions.EndpointPath, ["GET", "POST"], (QuickBooksWebConnectorSoapEndpoint endpoint, HttpRequest request, CancellationToken ct) => endpoint.HandleAsync(request, ct));
        }
        else
        {
            app.UseQuickBooksWebConnector();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebConnectorTestHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
