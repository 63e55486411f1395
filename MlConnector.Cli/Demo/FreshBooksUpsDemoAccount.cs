using System.Security.Cryptography;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Sandbox.FreshBooks;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The demo's FreshBooks account and its <c>freshbooks-ups</c> connection, set up through the in-process demo host for the
/// demo phase (<see cref="FreshBooksUpsDemoPhase"/>) and the chaos run alike: a FreshBooks simulator (its tokens from the
/// sandbox's shared OAuth server), ml-connector's FreshBooks client secret, the merchant's UPS account and a client's own,
/// the connection and its UPS Track Alert callback (<see cref="TrackAlertUri"/>: the UPS simulator pushes to one URL, so
/// the demo points it here and the chaos run, which shares UPS with QBO ↔ UPS, makes its pushes itself), the merchant's
/// consent through the host's OAuth routes, and the
/// <c>invoice.create</c> and <c>invoice.update</c> callbacks registered with FreshBooks' verifier handshake.
/// </summary>
internal sealed class FreshBooksUpsDemoAccount : IAsyncDisposable
{
    private FreshBooksUpsDemoAccount(FreshBooksSimulator freshBooks, string connectionShipper, string clientShipper, Uri trackAlertUri)
    {
        FreshBooks = freshBooks;
        ConnectionShipper = connectionShipper;
        ClientShipper = clientShipper;
        TrackAlertUri = trackAlertUri;
    }

    /// <summary>The <c>freshbooks-ups</c> connection.</summary>
    public static string ConnectionId => FreshBooksUpsDemoPhase.ConnectionId;

    /// <summary>The merchant's FreshBooks account.</summary>
    public FreshBooksSimulator FreshBooks { get; }

    /// <summary>The connection's UPS shipper number (the merchant's account).</summary>
    public string ConnectionShipper { get; }

    /// <summary>A second shipper number of the demo UPS client, for a FreshBooks client with its own UPS account.</summary>
    public string ClientShipper { get; }

    /// <summary>The connection's UPS Track Alert callback (its path secret included; never printed).</summary>
    public Uri TrackAlertUri { get; }

    /// <summary>Starts the account and connects it through <paramref name="sandbox"/>'s in-process host.</summary>
    /// <param name="sandbox">The demo sandbox, its host running.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <returns>The account, callbacks confirmed.</returns>
    public static async Task<FreshBooksUpsDemoAccount> StartAsync(DemoSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var services = sandbox.Host.Services;
        var secrets = services.GetRequiredService<ISecretStore>();
        var baseUrl = sandbox.Host.BaseAddress.AbsoluteUri;
        var freshBooks = await FreshBooksSimulator.StartAsync(sandbox.Idp.IsAccessTokenValid, cancellationToken: cancellationToken);
        try
        {
            var clientSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            sandbox.Idp.RegisterClient(FreshBooksUpsDemoPhase.FreshBooksClientId, clientSecret);
            await secrets.SetAsync(FreshBooksUpsDemoPhase.FreshBooksClientSecretName, clientSecret, cancellationToken);

            // The merchant's UPS account, and a client's own: both numbers are the demo UPS client's, and never the same
            // number (the merchant's is random hex, so a fixed first letter would equal it one run in sixteen).
            var connectionShipper = (await secrets.GetAsync(SecretName.For(DemoSandbox.QboUpsConnectionId, "ups-merchant-id"), cancellationToken))!;
            var clientShipper = (connectionShipper[0] == 'C' ? "D" : "C") + connectionShipper[1..];
            sandbox.Ups.RegisterClient(DemoSandbox.UpsClientId, (await secrets.GetAsync("ups-client-secret", cancellationToken))!, connectionShipper, clientShipper);
            var trackAlertSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            await secrets.SetAsync(SecretName.For(ConnectionId, "ups-merchant-id"), connectionShipper, cancellationToken);
            await secrets.SetAsync(SecretName.For(ConnectionId, UpsShippingNames.TrackAlertSecretPurpose), trackAlertSecret, cancellationToken);
            await services.GetRequiredService<IConnectionStore>().CreateAsync(Connection(freshBooks.BaseAddress, sandbox.Ups.ApiBaseAddress), cancellationToken);
            var trackAlertUri = new Uri($"{baseUrl}api/webhooks/ups/{ConnectionId}/{trackAlertSecret}");
            await FollowConsentAsync(sandbox.Host.BaseAddress, cancellationToken);

            await services.GetRequiredService<FreshBooksCallbackRegistration>().RegisterAsync(ConnectionId, sandbox.Host.BaseAddress, cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(DemoProgress.WaitLimit);
            while (await secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(ConnectionId, "invoice.create"), cancellationToken) is null
                || await secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(ConnectionId, "invoice.update"), cancellationToken) is null)
            {
                await Task.Delay(100, limit.Token);
            }

            return new FreshBooksUpsDemoAccount(freshBooks, connectionShipper, clientShipper, trackAlertUri);
        }
        catch
        {
            await freshBooks.DisposeAsync();
            throw;
        }
    }

    /// <summary>Follows the host's FreshBooks consent link as the merchant's browser would (host → OAuth server → host callback).</summary>
    /// <param name="baseUrl">The host.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>A task that completes when the callback answered.</returns>
    /// <exception cref="InvalidOperationException">When the walk ends in an error status.</exception>
    public static async Task FollowConsentAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient { BaseAddress = baseUrl };
        using var consent = await browser.GetAsync(new Uri($"api/oauth/freshbooks/connect/{ConnectionId}", UriKind.Relative), cancellationToken);
        if (!consent.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"FreshBooks consent of connection {ConnectionId} failed with HTTP {(int)consent.StatusCode}.");
        }
    }

    /// <summary>Stops the FreshBooks simulator.</summary>
    /// <returns>A task that completes when it stopped.</returns>
    public ValueTask DisposeAsync() => FreshBooks.DisposeAsync();

    private static Connection Connection(Uri freshBooks, Uri ups) => new()
    {
        Id = ConnectionId,
        Kind = IntegrationKinds.FreshBooksUps,
        DisplayName = "Demo Outfitters (FreshBooks)",
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["freshbooks"] = new Dictionary<string, string> { ["baseUrl"] = freshBooks.ToString() },
            ["ups"] = new Dictionary<string, string> { ["environment"] = "cie", ["baseUrl"] = ups.ToString(), ["serviceCode"] = "03" },
        },
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            [FreshBooksUpsNames.ShipFromMapping] = new Dictionary<string, string>
            {
                ["name"] = "Demo Outfitters", ["street"] = "100 Peachtree St", ["city"] = "Atlanta", ["state"] = "GA", ["postalCode"] = "30303", ["country"] = "US", ["phone"] = "4045550100",
            },
            [FreshBooksUpsNames.ItemWeightMapping] = new Dictionary<string, string> { ["Mugs"] = "0.5" },
        },
    };
}
