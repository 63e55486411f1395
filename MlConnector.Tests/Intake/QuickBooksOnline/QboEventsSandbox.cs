using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.OAuth;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Intake.QuickBooksOnline;

/// <summary>
/// The standalone host on real Azurite with a recording qbo-ups handler, an Intuit-like OAuth server and the QBO simulator
/// on loopback, and qbo-ups connections that consented to QBO (each gets its own realm). The simulator's webhooks go to
/// the host's <c>/api/webhooks/qbo</c>, signed with the verifier token stored in the host's secret store.
/// </summary>
internal sealed class QboEventsSandbox : IAsyncDisposable
{
    public const string VerifierToken = "00faeec4-08d0-4996-bb37-698ae19f0149";

    private QboEventsSandbox(OAuthServerSimulator idp, QuickBooksOnlineSimulator qbo, StandaloneHost host, RecordingQboChangeHandler handler)
    {
        Idp = idp;
        Qbo = qbo;
        Host = host;
        Handler = handler;
    }

    public OAuthServerSimulator Idp { get; }

    public QuickBooksOnlineSimulator Qbo { get; }

    public StandaloneHost Host { get; }

    public RecordingQboChangeHandler Handler { get; }

    public Uri WebhookUrl => new(Host.BaseAddress, "api/webhooks/qbo");

    public static async Task<QboEventsSandbox> StartAsync(AzuriteFixture azurite, params string[] connectionIds)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var idp = await OAuthServerSimulator.StartAsync();
        idp.RegisterClient("mlc-client", "client-secret-value");
        var qbo = await QuickBooksOnlineSimulator.StartAsync(idp.IsAccessTokenValid);
        var handler = new RecordingQboChangeHandler();
        var host = await LoopbackPort.StartOnFreePortAsync(port =>
            TestHost.StartAsync(azurite, azurite.NewPrefix(), port, new Dictionary<string, string?>().WithQboOAuth(idp, port), services => services.AddSingleton<IQboChangeHandler>(handler)));
        var sandbox = new QboEventsSandbox(idp, qbo, host, handler);
        var secrets = host.Services.GetRequiredService<ISecretStore>();
        await secrets.SetAsync("qbo-client-secret", "client-secret-value");
        await secrets.SetAsync("qbo-webhook-verifier-token", VerifierToken);
        qbo.ConfigureWebhooks(sandbox.WebhookUrl, VerifierToken);
        using var browser = OperatorHttp.Create(host);
        foreach (var id in connectionIds)
        {
            await browser.CreateConnectionAsync(new JsonObject
            {
                ["id"] = id,
                ["kind"] = "qbo-ups",
                ["settings"] = new JsonObject { ["ups"] = new JsonObject { ["environment"] = "cie" }, ["qbo"] = new JsonObject { ["baseUrl"] = qbo.BaseAddress.ToString() } },
            });
            await browser.ConnectAsync("qbo", id);
        }

        return sandbox;
    }

    /// <summary>Waits until the host's intake has dispatched every recorded delivery (its queue is empty).</summary>
    public Task DispatchedAsync() => WorkflowWait.UntilAsync(async () => (await Host.Services.GetRequiredService<WebhookIntake>().CountAsync()).Pending == 0);

    /// <summary>How many deliveries the host's intake holds: waiting and poisoned.</summary>
    public Task<(int Pending, int Poison)> RecordedAsync() => Host.Services.GetRequiredService<WebhookIntake>().CountAsync();

    public async Task<string> RealmOfAsync(string connectionId) =>
        (await Host.Services.GetRequiredService<IConnectionStore>().GetAsync(connectionId))!.GetSetting("qbo", "realmId")!;

    /// <summary>Creates a purchase order in a realm through the seeding helper (logged as a Create change).</summary>
    public string CreatePurchaseOrder(string realmId, string docNumber)
    {
        var before = Qbo.GetEntities(realmId, "PurchaseOrder").Count;
        Qbo.Seed(realmId, $$$"""{"PurchaseOrder":{"DocNumber":"{{{docNumber}}}","TotalAmt":10.0}}""");
        return (string)Qbo.GetEntities(realmId, "PurchaseOrder")[before]["Id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Qbo.DisposeAsync();
        await Idp.DisposeAsync();
    }
}
