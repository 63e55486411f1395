using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Chaos;
using MlConnector.Cli.Operator;
using MlConnector.Core.Operations;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Cli;

/// <summary>
/// <see cref="ChaosHost"/>'s listings: a settle decides on every instance of a status, not the first page of it (the
/// operator route gives one page per call, at most 1,000 instances, which a 10,000-record run exceeds). Run on a real
/// standalone host over Azurite with pages of two, so a handful of instances spans several pages.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ChaosHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ListAsync_MoreInstancesThanAPage_FollowsTheContinuationAndListsEveryOneOfTheConnections()
    {
        // Arrange: five failed workflows on the connection the settle watches and one on another, in pages of two.
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        var client = host.Services.GetRequiredService<IWorkflowClient>();
        var orders = Enumerable.Range(1001, 5).Select(n => (Connection: "acme", Order: n)).Append((Connection: "other", Order: 2001)).ToList();
        string[] ids = [.. orders.Select(o => WorkflowInstanceId.For("shipstation-qbo", o.Connection, $"order:{o.Order}"))];
        for (var i = 0; i < orders.Count; i++)
        {
            await client.StartAsync(nameof(FlakyWorkflow), ids[i], orders[i].Order.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var id in ids)
        {
            await WorkflowWait.ForAsync(client, id, WorkflowRuntimeStatus.Failed);
        }

        var watched = ids[..5];
        using var api = new OperatorApiClient(host.BaseAddress, new OperatorCredential(host.OperatorToken, null));
        using var http = OperatorHttp.Create(host);

        // Act
        var (seen, pages) = await ChaosHost.ListAsync(api, "Failed", new HashSet<string>(["acme"], StringComparer.Ordinal), pageSize: 2, CancellationToken.None);
        using var firstPage = await http.GetAsync(new Uri("api/workflows?status=Failed&pageSize=2", UriKind.Relative));
        using var tooLarge = await http.GetAsync(new Uri("api/workflows?status=Failed&pageSize=1001", UriKind.Relative));
        using var whole = await http.GetAsync(new Uri("api/workflows?status=Failed", UriKind.Relative));

        // Assert
        Assert.Equal(watched.Order(StringComparer.Ordinal), seen.Select(w => w.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(seen, w => Assert.Equal(nameof(FlakyWorkflow), w.Name));
        Assert.InRange(pages, 3, 4);
        using var firstPageBody = JsonDocument.Parse(await firstPage.Content.ReadAsStringAsync());
        Assert.Equal(2, firstPageBody.RootElement.GetArrayLength());
        Assert.True(firstPage.Headers.TryGetValues(WorkflowsApi.ContinuationHeader, out var token) && !string.IsNullOrEmpty(token.Single()));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        using var wholeBody = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());
        Assert.Equal(6, wholeBody.RootElement.GetArrayLength());
        Assert.False(whole.Headers.Contains(WorkflowsApi.ContinuationHeader));
    }
}
