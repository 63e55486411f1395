using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Infra;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Security;

/// <summary>
/// Issue #17's bad-input corpus on the real standalone host over loopback (its own Azurite): each case of
/// <see cref="BadInputCorpus"/> must get its 4xx, record no webhook delivery, start no workflow, write no audit row, and
/// leave the process answering <c>/api/health</c>; replayed genuine deliveries start nothing new and only count on their
/// first audit row. The corpus table in docs/reliability.md is rendered from the same list and must match it.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class BadInputCorpusTests(BadInputRig rig) : IClassFixture<BadInputRig>
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    public static TheoryData<string> Cases => BadInputCorpus.Ids;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_BadInput_IsRefusedWith4xxAndNothingIsStartedOrWritten(string id)
    {
        // Arrange
        var corpusCase = BadInputCorpus.Cases.Single(c => c.Id == id);
        var before = await rig.SnapshotAsync();

        // Act
        int status;
        if (corpusCase.Raw is not null)
        {
            status = await corpusCase.Raw(rig);
        }
        else
        {
            using var request = corpusCase.Request!(rig);
            using var response = await Http.SendAsync(request);
            status = (int)response.StatusCode;
        }

        using var health = await Http.GetAsync(new Uri(rig.BaseAddress, "api/health"));
        var after = await rig.SnapshotAsync();

        // Assert
        Assert.Equal(corpusCase.Status, status);
        Assert.InRange(status, 400, 499);
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ReplayedDeliveries_ShipStationUpsAndQbo_StartNothingNewAndCountOnTheFirstAuditRow()
    {
        // Arrange: one genuine delivery per route, each delivered three times.
        var resource = new Uri(rig.ShipStation.BaseAddress, "orders?importBatch=corpus-replay-" + Guid.NewGuid().ToString("N")[..8]);
        var shipStation = $$"""{"resource_url":"{{resource}}","resource_type":"ORDER_NOTIFY"}""";
        var ups = """{"trackingNumber":"1Z999AA10123456784","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";
        var qbo = """{"eventNotifications":[{"realmId":"9130000000000077","dataChangeEvent":{"entities":[{"name":"PurchaseOrder","id":"77","operation":"Create","lastUpdated":"2026-12-06T00:00:00.000Z"}]}}]}""";
        var instance = ShipStationQboKeys.NotificationInstance(BadInputRig.ShipStationConnection, "ORDER_NOTIFY", resource);
        var audit = rig.Host.Services.GetRequiredService<IAuditTrail>();
        var window = TimeProvider.System.GetUtcNow().AddHours(-1);
        IReadOnlyList<AuditRecord> receipts = [];
        IReadOnlyList<AuditRecord> unrouted = [];
        var statuses = new List<int>();
        async Task DeliverAllAsync(int times)
        {
            statuses.Add(await SendAsync($"api/webhooks/shipstation/{BadInputRig.ShipStationConnection}/{rig.ShipStationSecret}", shipStation));
            statuses.Add(await SendAsync($"api/webhooks/ups/{BadInputRig.UpsConnection}/{rig.UpsSecret}", ups, ("x-api-key", BadInputRig.UpsClientId)));
            statuses.Add(await SendAsync("api/webhooks/qbo", qbo, (QboWebhookSignature.HeaderName, QboWebhookSignature.Compute(rig.QboVerifierToken, Encoding.UTF8.GetBytes(qbo)))));
            await WorkflowWait.UntilAsync(async () =>
            {
                await rig.WaitForIntakeAsync();
                receipts = await audit.QueryAsync(new AuditQuery(BadInputRig.ShipStationConnection, window, window.AddHours(2)) { Operation = "shipstation.webhook.receive" });
                unrouted = await audit.QueryAsync(new AuditQuery(QboEventsNames.UnroutedAuditPartition, window, window.AddHours(2)));
                return receipts.Sum(r => 1 + r.Repeats) == times && unrouted.Sum(r => 1 + r.Repeats) == times;
            });
            await WorkflowWait.ForAsync(rig.Host.Services.GetRequiredService<IWorkflowClient>(), instance);
        }

        await DeliverAllAsync(1);
        var first = await rig.SnapshotAsync();

        // Act: each delivered twice more.
        await DeliverAllAsync(2);
        await DeliverAllAsync(3);
        var replayed = await rig.SnapshotAsync();

        // Assert: every delivery acknowledged and recorded; no workflow and no audit row beyond the first delivery's; the
        // repeats counted on the first receipt rows.
        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Equal(first with { Recorded = first.Recorded + 6 }, replayed);
        var receipt = Assert.Single(receipts);
        Assert.Equal((instance, 2), (receipt.WorkflowInstanceId, receipt.Repeats));
        Assert.NotNull(receipt.LastSeen);
        Assert.Equal(2, Assert.Single(unrouted).Repeats);
    }

    [Fact]
    public async Task ReliabilityDoc_CorpusTable_IsTheCorpus()
    {
        // Arrange
        var path = RepositoryPaths.Combine("docs", "reliability.md");
        var document = await File.ReadAllTextAsync(path);
        var table = CorpusTable.Render(BadInputCorpus.Cases);

        // Act
        if (Environment.GetEnvironmentVariable("MLC_WRITE_RELIABILITY") == "1")
        {
            document = CorpusTable.Replace(document, table);
            await File.WriteAllTextAsync(path, document);
        }

        // Assert
        Assert.True(
            CorpusTable.Current(document) == table,
            "docs/reliability.md's corpus table is not the corpus in BadInputCorpus. Regenerate it: MLC_WRITE_RELIABILITY=1 dotnet test MlConnector.Tests --no-build --filter \"FullyQualifiedName~BadInputCorpusTests.ReliabilityDoc\"");
    }

    private async Task<int> SendAsync(string path, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.BaseAddress, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
