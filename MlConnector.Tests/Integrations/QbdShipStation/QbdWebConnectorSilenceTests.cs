using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Alerts;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QbdShipStation;

/// <summary>
/// The "Web Connector silent" alert and the connection's health on the real standalone host (Azurite, the platform's alert
/// evaluator and incident store), with the simulated Web Connector calling over real SOAP on loopback and the host's clock
/// moved ahead (<see cref="ShiftedTimeProvider"/>). The demo connection runs every minute and the default N is 3.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QbdWebConnectorSilenceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Silence_BeyondThreeTimesTheSchedule_RaisesOneAlert_AndTheNextAuthenticateClearsIt()
    {
        // Arrange: the Web Connector calls once.
        var clock = new ShiftedTimeProvider();
        await using var rig = await QbdShipStationRig.StartAsync(azurite, clock);
        var alerts = rig.Host.Services.GetRequiredService<AlertEvaluator>();
        using var http = OperatorHttp.Create(rig.Host.BaseAddress, rig.Host.OperatorToken);
        var called = await rig.Sandbox.RunWebConnectorAsync(CancellationToken.None);
        var seenAt = clock.GetUtcNow();

        // Act 1: two minutes pass (inside 3 × 1 min), then four; the evaluator runs on each, twice once silent.
        clock.Advance(TimeSpan.FromMinutes(2));
        var inside = await alerts.EvaluateAsync();
        var healthInside = await WebConnectorAsync(http);
        clock.Advance(TimeSpan.FromMinutes(2));
        var raised = await alerts.EvaluateAsync();
        var raisedAgain = await alerts.EvaluateAsync();
        var healthSilent = await WebConnectorAsync(http);

        // Act 2: the Web Connector calls again.
        var back = await rig.Sandbox.RunWebConnectorAsync(CancellationToken.None);
        var afterCall = await alerts.EvaluateAsync();
        var open = await rig.Host.Services.GetRequiredService<AlertIncidentStore>().ListOpenAsync(QbdShipStationRig.ConnectionId);
        var healthBack = await WebConnectorAsync(http);

        // Assert
        Assert.True(called.Authenticated);
        Assert.DoesNotContain(inside, a => a.Rule == QbdWebConnectorHealthContributor.SilentRule);
        Assert.False(healthInside.Detail.GetProperty("silent").GetBoolean());
        var alert = Assert.Single(raised, a => a.Rule == QbdWebConnectorHealthContributor.SilentRule);
        Assert.Equal(QbdShipStationRig.ConnectionId, alert.ConnectionId);
        Assert.Contains("has not called for 4 min", alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(raisedAgain, a => a.Rule == QbdWebConnectorHealthContributor.SilentRule);
        Assert.Equal("attention", healthSilent.Status);
        Assert.True(healthSilent.Detail.GetProperty("silent").GetBoolean());
        Assert.Equal(3, healthSilent.Detail.GetProperty("silentAfterMinutes").GetDouble());
        Assert.Equal(seenAt, healthSilent.Detail.GetProperty("lastSeenUtc").GetDateTimeOffset(), TimeSpan.FromSeconds(5));
        Assert.True(back.Authenticated);
        Assert.DoesNotContain(afterCall, a => a.Rule == QbdWebConnectorHealthContributor.SilentRule);
        Assert.DoesNotContain(QbdWebConnectorHealthContributor.SilentRule, open);
        Assert.Equal("healthy", healthBack.Status);
        Assert.False(healthBack.Detail.GetProperty("silent").GetBoolean());
        Assert.True(healthBack.Detail.GetProperty("lastSeenUtc").GetDateTimeOffset() > seenAt.AddMinutes(3));
    }

    private static async Task<(string Status, JsonElement Detail)> WebConnectorAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri($"api/connections/{QbdShipStationRig.ConnectionId}/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var note = Assert.Single(body.GetProperty("notes").EnumerateArray(), n => n.GetProperty("name").GetString() == QbdWebConnectorHealthContributor.SectionName);
        return (body.GetProperty("status").GetString()!, note.GetProperty("detail"));
    }
}
