using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The standalone host's operator API as a browser on the operator's machine and a careless caller see it: no token,
/// a cross-site <c>text/plain</c> POST and a foreign <c>Host</c> are refused with nothing changed; an operator with
/// the token creates, sets secrets, registers webhooks, pauses and deletes, and each action is audited with who did it.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class OperatorAccessIntegrationTests(AzuriteFixture azurite)
{
    private const string Connection = """
        {"id":"acme","kind":"shipstation-qbo","displayName":"Acme","settings":{"shipstation":{"apiVersion":"v1"}}}
        """;

    [Fact]
    public async Task OperatorRoutes_WithoutToken_Return401AndChangeNothing()
    {
        // Arrange
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        using var wrong = OperatorHttp.Create(host.BaseAddress, host.OperatorToken + "x");

        // Act
        using var list = await anonymous.GetAsync(new Uri("api/connections", UriKind.Relative));
        using var create = await anonymous.PostAsync(new Uri("api/connections", UriKind.Relative), OperatorHttp.Json(Connection));
        using var wrongCreate = await wrong.PostAsync(new Uri("api/connections", UriKind.Relative), OperatorHttp.Json(Connection));
        using var health = await anonymous.GetAsync(new Uri("api/health", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal("Bearer", list.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCreate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(await host.Services.GetRequiredService<IConnectionStore>().ListAsync());
    }

    [Fact]
    public async Task CrossSiteTextPlainPost_WithOrWithoutToken_IsRefusedAndChangesNothing()
    {
        // Arrange: what a web page's <form enctype="text/plain"> or fetch(..., {mode: "no-cors"}) sends.
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var browser = new HttpClient { BaseAddress = host.BaseAddress };
        using var http = OperatorHttp.Create(host);
        (await http.PostAsync(new Uri("api/connections", UriKind.Relative), OperatorHttp.Json(Connection.Replace("acme", "kept", StringComparison.Ordinal)))).EnsureSuccessStatusCode();

        // Act
        using var crossSite = await browser.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(Connection, Encoding.UTF8, "text/plain"));
        using var crossSitePause = await browser.PostAsync(new Uri("api/connections/kept/pause", UriKind.Relative), new StringContent("x", Encoding.UTF8, "text/plain"));
        using var plainWithToken = await http.PostAsync(new Uri("api/connections", UriKind.Relative), new StringContent(Connection, Encoding.UTF8, "text/plain"));
        using var formPauseWithToken = await http.PostAsync(new Uri("api/connections/kept/pause", UriKind.Relative), new FormUrlEncodedContent([]));
        using var noTypePauseWithToken = await http.PostAsync(new Uri("api/connections/kept/pause", UriKind.Relative), null);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, crossSitePause.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainWithToken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formPauseWithToken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noTypePauseWithToken.StatusCode);
        Assert.False(crossSite.Headers.Contains("Access-Control-Allow-Origin"));
        var store = host.Services.GetRequiredService<IConnectionStore>();
        var only = Assert.Single(await store.ListAsync());
        Assert.Equal("kept", only.Id);
        Assert.False(only.Paused);
    }

    [Fact]
    public async Task ForeignHost_WithToken_IsRefusedAndReadsNothing()
    {
        // Arrange: DNS rebinding: evil.example resolves to 127.0.0.1, the browser still sends Host: evil.example.
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = OperatorHttp.Create(host);
        (await http.PostAsync(new Uri("api/connections", UriKind.Relative), OperatorHttp.Json(Connection))).EnsureSuccessStatusCode();

        // Act
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri("api/connections", UriKind.Relative));
        read.Headers.Host = "evil.example";
        using var foreign = await http.SendAsync(read);
        using var pause = new HttpRequestMessage(HttpMethod.Post, new Uri("api/connections/acme/pause", UriKind.Relative)) { Content = OperatorHttp.Json() };
        pause.Headers.Host = "evil.example:5080";
        using var foreignPause = await http.SendAsync(pause);
        using var local = new HttpRequestMessage(HttpMethod.Get, new Uri("api/connections", UriKind.Relative));
        local.Headers.Host = $"localhost:{host.BaseAddress.Port}";
        using var allowed = await http.SendAsync(local);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.DoesNotContain("acme", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreignPause.StatusCode);
        Assert.False((await host.Services.GetRequiredService<IConnectionStore>().GetAsync("acme"))!.Paused);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ConfiguredHostName_IsAllowed()
    {
        // Arrange
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix(), new() { ["Operator:AllowedHosts:0"] = "mlc.internal" });
        using var http = OperatorHttp.Create(host);

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/connections", UriKind.Relative));
        request.Headers.Host = "MLC.internal";
        using var response = await http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_FirstStart_IsStoredAsSecretWrittenOwnerOnlyAndKeptOnRestart()
    {
        // Arrange
        var prefix = azurite.NewPrefix();
        var tokenFile = Path.Combine(Path.GetTempPath(), "mlc-token-" + prefix, "operator-token");
        string first;
        await using (var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, prefix, tokenFile: tokenFile))
        {
            first = host.OperatorToken;
            Assert.Equal(first, await host.Services.GetRequiredService<ISecretStore>().GetAsync("operator-api-token"));
        }

        // Act
        await using var restarted = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, prefix, tokenFile: tokenFile);

        // Assert
        Assert.True(first.Length >= 40);
        Assert.Equal(first, restarted.OperatorToken);
        Assert.Equal(first, File.ReadAllText(tokenFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }
    }

    [Fact]
    public async Task OperatorActions_AreAuditedWithTheOperator_AndSecretValuesAppearNowhere()
    {
        // Arrange
        const string value = "sk-canary-8c1f2e0b";
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = OperatorHttp.Create(host);
        http.DefaultRequestHeaders.Add("X-MlConnector-Operator", "alice");

        // Act
        using var created = await http.PostAsync(new Uri("api/connections", UriKind.Relative), OperatorHttp.Json(Connection));
        using var secret = await http.PutAsync(new Uri("api/connections/acme/secrets/shipstation-api-secret", UriKind.Relative), OperatorHttp.Json($$"""{"value":"{{value}}"}"""));
        using var badName = await http.PutAsync(new Uri("api/connections/acme/secrets/no_underscores", UriKind.Relative), OperatorHttp.Json($$"""{"value":"{{value}}"}"""));
        using var noValue = await http.PutAsync(new Uri("api/connections/acme/secrets/shipstation-api-key", UriKind.Relative), OperatorHttp.Json("""{"value":""}"""));
        using var notJson = await http.PutAsync(new Uri("api/connections/acme/secrets/shipstation-api-key", UriKind.Relative), OperatorHttp.Json(value + "}"));
        using var appSecret = await http.PutAsync(new Uri("api/secrets/qbo-client-secret", UriKind.Relative), OperatorHttp.Json($$"""{"value":"{{value}}"}"""));
        using var tokenOverwrite = await http.PutAsync(new Uri("api/secrets/operator-api-token", UriKind.Relative), OperatorHttp.Json("""{"value":"mine"}"""));
        using var paused = await http.PostAsync(new Uri("api/connections/acme/pause?reason=audit", UriKind.Relative), OperatorHttp.Json());
        using var resumed = await http.PostAsync(new Uri("api/connections/acme/resume", UriKind.Relative), OperatorHttp.Json());
        using var deleted = await http.DeleteAsync(new Uri("api/connections/acme", UriKind.Relative));
        using var deletedAgain = await http.DeleteAsync(new Uri("api/connections/acme", UriKind.Relative));
        using var secretOfMissing = await http.PutAsync(new Uri("api/connections/acme/secrets/shipstation-api-key", UriKind.Relative), OperatorHttp.Json("""{"value":"v"}"""));
        var audit = await host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery("acme", TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)));
        var appAudit = await host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery("app", TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)));

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, secret.StatusCode);
        Assert.Equal(value, await host.Services.GetRequiredService<ISecretStore>().GetAsync(SecretName.For("acme", "shipstation-api-secret")));
        Assert.Equal(value, await host.Services.GetRequiredService<ISecretStore>().GetAsync("qbo-client-secret"));
        Assert.Equal(HttpStatusCode.NoContent, appSecret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noValue.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tokenOverwrite.StatusCode);
        Assert.Equal(host.OperatorToken, await host.Services.GetRequiredService<ISecretStore>().GetAsync("operator-api-token"));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, secretOfMissing.StatusCode);
        Assert.Null(await host.Services.GetRequiredService<IConnectionStore>().GetAsync("acme"));
        var operations = audit.Where(a => a.Operation.StartsWith("operator.", StringComparison.Ordinal)).OrderBy(a => a.Time).ToList();
        Assert.Equal(["operator.connection.create", "operator.secret.set", "operator.connection.pause", "operator.connection.resume", "operator.connection.delete"], operations.Select(a => a.Operation));
        Assert.All(operations, a => Assert.Equal("alice (bearer-token)", a.Actor));
        Assert.Contains("shipstation-api-secret", operations[1].Detail, StringComparison.Ordinal);
        Assert.Equal("operator.secret.set", Assert.Single(appAudit).Operation);
        foreach (var text in new[] { await secret.Content.ReadAsStringAsync(), await notJson.Content.ReadAsStringAsync(), await badName.Content.ReadAsStringAsync(), JsonSerializer.Serialize(audit), JsonSerializer.Serialize(appAudit) })
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegisterWebhooks_TwiceOverTheOperatorApi_SubscribesTheThreeEventsOnceWithAFreshSecret()
    {
        // Arrange
        await using var shipStation = await ShipStationSimulator.StartAsync();
        shipStation.RegisterCredentials("key-1", "secret-1");
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var http = OperatorHttp.Create(host);
        var connection = """{"id":"acme","kind":"shipstation-qbo","settings":{"shipstation":{"apiVersion":"v1","baseUrl":"BASE"}}}""".Replace("BASE", shipStation.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
        (await http.PostAsync(new Uri("api/connections", UriKind.Relative), OperatorHttp.Json(connection))).EnsureSuccessStatusCode();
        (await http.PutAsync(new Uri("api/connections/acme/secrets/shipstation-api-key", UriKind.Relative), OperatorHttp.Json("""{"value":"key-1"}"""))).EnsureSuccessStatusCode();
        (await http.PutAsync(new Uri("api/connections/acme/secrets/shipstation-api-secret", UriKind.Relative), OperatorHttp.Json("""{"value":"secret-1"}"""))).EnsureSuccessStatusCode();
        var register = new Uri("api/connections/acme/webhooks/register", UriKind.Relative);
        var publicUrl = OperatorHttp.Json($$"""{"publicBaseUrl":"{{host.BaseAddress}}"}""");
        var secrets = host.Services.GetRequiredService<ISecretStore>();
        var secretName = SecretName.For("acme", ShipStationWebhookApi.SecretPurpose);

        // Act
        using var noUrl = await http.PostAsync(register, OperatorHttp.Json());
        using var first = await http.PostAsync(register, publicUrl);
        var firstSecret = await secrets.GetAsync(secretName);
        using var second = await http.PostAsync(register, OperatorHttp.Json($$"""{"publicBaseUrl":"{{host.BaseAddress}}"}"""));
        var secondSecret = await secrets.GetAsync(secretName);
        var deliveries = await shipStation.FireWebhookAsync(ShipStationWebhookEvents.OrderNotify, new Uri(shipStation.BaseAddress, "orders?orderNumber=1"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
        Assert.Contains("PublicEndpoint:BaseUrl", await noUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(ShipStationWebhookEvents.All, body.RootElement.GetProperty("registered").EnumerateArray().Select(r => r.GetProperty("event").GetString()));
        Assert.Equal(3, body.RootElement.GetProperty("removed").GetInt32());
        Assert.NotNull(firstSecret);
        Assert.NotEqual(firstSecret, secondSecret);
        Assert.DoesNotContain(secondSecret!, body.RootElement.GetRawText(), StringComparison.Ordinal);
        var delivery = Assert.Single(deliveries);
        Assert.Equal(200, delivery.StatusCode);
    }
}
