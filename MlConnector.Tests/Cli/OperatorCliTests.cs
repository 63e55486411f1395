using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Infra;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The operator CLI (<c>mlconnector …</c>, run as a process) against the real standalone host over Azurite: a connection
/// created from the sample file, its secrets set from stdin, consent link, webhooks, pause, resume and delete; field-named
/// validation errors; exit codes 1 (host refused), 2 (usage) and 3 (unreachable or unauthenticated).
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class OperatorCliTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cli_FromSampleFileToRegisteredWebhooks_EveryStepACommand()
    {
        // Arrange
        const string apiSecret = "ss-secret-canary-5e1d";
        await using var shipStation = await ShipStationSimulator.StartAsync();
        shipStation.RegisterCredentials("ss-key-1", apiSecret);
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        var env = Environment(host.BaseAddress, host.OperatorToken);
        var sample = File.ReadAllText(RepositoryPaths.Combine("docs", "connections", "shipstation-qbo.yaml"))
            .Replace("    apiVersion: v1", $"    apiVersion: v1\n    baseUrl: {shipStation.BaseAddress}", StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"mlc-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, sample);

        // Act
        var created = await CliProcess.RunAsync(["connections", "create", "--file", file], env);
        var key = await CliProcess.RunAsync(["secrets", "set", "acme-coffee", "shipstation-api-key"], env, "ss-key-1\n");
        var secret = await CliProcess.RunAsync(["secrets", "set", "acme-coffee", "shipstation-api-secret"], env, apiSecret);
        var list = await CliProcess.RunAsync(["connections", "list", "--json"], env);
        var connect = await CliProcess.RunAsync(["connect", "acme-coffee", "--json"], env);
        var webhooks = await CliProcess.RunAsync(["webhooks", "register", "acme-coffee", "--public-url", host.BaseAddress.AbsoluteUri, "--json"], env);
        await File.WriteAllTextAsync(file, sample.Replace("MUG-12-WHT: \"3\"", "MUG-12-WHT: \"33\"", StringComparison.Ordinal));
        var updated = await CliProcess.RunAsync(["connections", "update", "acme-coffee", "--file", file], env);
        var paused = await CliProcess.RunAsync(["connections", "pause", "acme-coffee", "--reason", "month-end"], env);
        var shownPaused = await CliProcess.RunAsync(["connections", "show", "acme-coffee", "--json"], env);
        var resumed = await CliProcess.RunAsync(["connections", "resume", "acme-coffee"], env);
        var deleted = await CliProcess.RunAsync(["connections", "delete", "acme-coffee", "--yes"], env);
        var gone = await CliProcess.RunAsync(["connections", "show", "acme-coffee"], env);
        File.Delete(file);
        var audit = await host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery("acme-coffee", TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)));

        // Assert
        Assert.True(created.ExitCode == 0, created.All);
        Assert.Contains("acme-coffee", created.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, key.ExitCode);
        Assert.Equal(0, secret.ExitCode);
        var secrets = host.Services.GetRequiredService<ISecretStore>();
        Assert.Equal("ss-key-1", await secrets.GetAsync(SecretName.For("acme-coffee", "shipstation-api-key")));
        Assert.Equal(apiSecret, await secrets.GetAsync(SecretName.For("acme-coffee", "shipstation-api-secret")));
        Assert.Equal("acme-coffee", Assert.Single(list.Json().EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(new Uri(host.BaseAddress, "api/oauth/qbo/connect/acme-coffee").AbsoluteUri, connect.Json().GetProperty("consentUrl").GetString());
        Assert.True(webhooks.ExitCode == 0, webhooks.All);
        Assert.Equal(ShipStationWebhookEvents.All, webhooks.Json().GetProperty("registered").EnumerateArray().Select(r => r.GetProperty("event").GetString()));
        Assert.True(updated.ExitCode == 0, updated.All);
        Assert.Equal(0, paused.ExitCode);
        Assert.Equal("month-end", shownPaused.Json().GetProperty("pausedReason").GetString());
        Assert.Equal("33", shownPaused.Json().GetProperty("mappings").GetProperty("sku").GetProperty("MUG-12-WHT").GetString());
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("404", gone.Stderr, StringComparison.Ordinal);
        var webhookSecret = await secrets.GetAsync(SecretName.For("acme-coffee", ShipStationWebhookApi.SecretPurpose));
        foreach (var run in new[] { created, key, secret, list, connect, webhooks, updated, paused, shownPaused, resumed, deleted, gone })
        {
            Assert.DoesNotContain(apiSecret, run.All, StringComparison.Ordinal);
            Assert.DoesNotContain(webhookSecret!, run.All, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(apiSecret, JsonSerializer.Serialize(audit), StringComparison.Ordinal);
        Assert.Contains(audit, a => a.Operation == "operator.secret.set" && a.Detail!.Contains("shipstation-api-secret", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Operation == "operator.webhooks.register");
        Assert.Contains(audit, a => a.Operation == "operator.connection.update");
    }

    [Fact]
    public async Task Cli_InvalidFileAndBadCredentials_ExitWithFieldNamesOrThree()
    {
        // Arrange
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        var file = Path.Combine(Path.GetTempPath(), $"mlc-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "id: bad\nkind: shipstation-qbo\nsettings:\n  qbo:\n    realmId: 12-34\n    environment: moon\n");

        // Act
        var invalid = await CliProcess.RunAsync(["connections", "create", "--file", file], Environment(host.BaseAddress, host.OperatorToken));
        var wrongToken = await CliProcess.RunAsync(["connections", "list"], Environment(host.BaseAddress, "not-the-token"));
        var noToken = await CliProcess.RunAsync(["connections", "list"], Environment(host.BaseAddress, null));
        var noHost = await CliProcess.RunAsync(["connections", "list"], Environment(new Uri($"http://127.0.0.1:{AzuriteFixture.DeadPort()}/"), "t"));
        var usage = await CliProcess.RunAsync(["replay", "--connection", "acme"], Environment(host.BaseAddress, host.OperatorToken));
        var unknown = await CliProcess.RunAsync(["connections", "frobnicate"], Environment(host.BaseAddress, host.OperatorToken));
        File.Delete(file);

        // Assert
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("settings.qbo.realmId", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("settings.qbo.environment", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, wrongToken.ExitCode);
        Assert.Contains("401", wrongToken.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, noToken.ExitCode);
        Assert.Equal(3, noHost.ExitCode);
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Empty(await host.Services.GetRequiredService<IConnectionStore>().ListAsync());
    }

    private static Dictionary<string, string?> Environment(Uri url, string? token) => new()
    {
        ["MLCONNECTOR_URL"] = url.AbsoluteUri,
        ["MLCONNECTOR_TOKEN"] = token,
        ["MLCONNECTOR_FUNCTION_KEY"] = null,
    };
}
