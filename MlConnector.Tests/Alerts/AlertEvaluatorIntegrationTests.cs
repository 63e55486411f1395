using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Alerts;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Alerts;

/// <summary>
/// Alerts through the standalone host: real Azurite (incident rows), the OAuth and QBO simulators over loopback (a consent
/// that really lapses on an <c>invalid_grant</c> and is really renewed through the consent routes), and a loopback webhook receiver.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class AlertEvaluatorIntegrationTests
{
    [Fact]
    public async Task EvaluateAsync_ConsentLapses_DeliversOnceUntilResolvedThenIsArmedAgain()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        await using var receiver = await WebhookReceiver.StartAsync();
        var services = sandbox.Host.Services;
        var connectionId = DemoSandbox.ConnectionId;
        await services.GetRequiredService<ISecretStore>().SetAsync(new AlertOptions().WebhookSecretName, receiver.Url.ToString());
        var sut = services.GetRequiredService<AlertEvaluator>();
        var before = await sut.EvaluateAsync();

        // Act 1: QBO refuses the refresh token; the evaluator runs twice.
        await LapseAsync(sandbox, services, connectionId);
        var first = await sut.EvaluateAsync();
        var second = await sut.EvaluateAsync();

        // Assert 1: one delivery, Slack/Teams shaped, naming the connection and the rule.
        Assert.DoesNotContain(before, a => a.Rule == AlertRule.NeedsReconsent);
        var alert = Assert.Single(first, a => a.Rule == AlertRule.NeedsReconsent);
        Assert.Equal(connectionId, alert.ConnectionId);
        Assert.DoesNotContain(second, a => a.Rule == AlertRule.NeedsReconsent);
        var delivered = Assert.Single(receiver.Received.Select(r => JsonDocument.Parse(r.Body)), d => d.RootElement.GetProperty("text").GetString()!.Contains(AlertRule.NeedsReconsent, StringComparison.Ordinal));
        Assert.Contains(connectionId, delivered.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/json; charset=utf-8", receiver.Received[0].Headers["content-type"]);

        // Act 2: the merchant reconnects (the consent routes), the evaluator re-arms the rule; then consent lapses again.
        sandbox.Idp.FailWithInvalidGrant = false;
        using (var browser = new HttpClient { BaseAddress = sandbox.Host.BaseAddress })
        {
            using var consent = await browser.GetAsync(new Uri($"api/oauth/qbo/connect/{connectionId}", UriKind.Relative));
            Assert.True(consent.IsSuccessStatusCode);
        }

        var resolved = await sut.EvaluateAsync();
        var open = await services.GetRequiredService<AlertIncidentStore>().ListOpenAsync(connectionId);
        await LapseAsync(sandbox, services, connectionId);
        var again = await sut.EvaluateAsync();

        // Assert 2
        Assert.Empty(resolved);
        Assert.DoesNotContain(AlertRule.NeedsReconsent, open);
        Assert.Single(again, a => a.Rule == AlertRule.NeedsReconsent && a.ConnectionId == connectionId);
        Assert.Equal(2, receiver.Received.Count(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()!.Contains(AlertRule.NeedsReconsent, StringComparison.Ordinal)));
    }

    private static async Task LapseAsync(DemoSandbox sandbox, IServiceProvider services, string connectionId)
    {
        var tokens = services.GetRequiredService<IOAuthTokenManager>();
        var token = await tokens.GetAccessTokenAsync(connectionId, "qbo");
        sandbox.Idp.FailWithInvalidGrant = true;
        await Assert.ThrowsAsync<ConnectorAuthException>(() => tokens.RenewAccessTokenAsync(connectionId, "qbo", token));
        Assert.Contains(await tokens.GetTokenHealthAsync(connectionId), h => h.Provider == "qbo" && h.Status == OAuthTokenStatus.NeedsReconsent);
    }
}
