using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Failures;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Failures;

/// <summary>
/// After the merchant reconnects, the work that failed only because consent had lapsed goes through by itself: the
/// standalone host on real Azurite and the Durable Task Framework, the OAuth server refusing refreshes for real
/// (<c>invalid_grant</c>), the consent walked through the host's connect route and callback, QBO and ShipStation simulators
/// over loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ReconsentFailureReplayIntegrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ConsentCallback_OrderFailedForConsent_ReplayedAndInvoicedAuditedWhileAValidationFailureStays()
    {
        // Arrange: an order with an unmapped SKU fails as Validation; then consent lapses and another order fails as NeedsReconsent.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var (unmapped, lapsed) = await FailOneForMappingOneForConsentAsync(sandbox, "61001", "61002");

        // Act: the merchant consents again, to the same company.
        var (status, page) = await ConsentThroughCallbackAsync(sandbox);
        Assert.Contains("1 task(s) that stopped while the connection was disconnected have been restarted", page, StringComparison.Ordinal);
        var invoice = await WaitForInvoiceAsync(sandbox, "61002");

        // Assert: the order that waited for consent is invoiced once, without a replay by anyone; the replay is audited as
        // the consent's; the Validation failure is still open for a person.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("61002", (string?)invoice["DocNumber"]);
        await AssertInvoicedOnceReplayedOnceByConsentAsync(sandbox, "61002", lapsed.Id, unmapped.Id, ErrorKind.Validation);
    }

    [Fact]
    public async Task ReconsentReplayJob_FailureRecordedAfterTheCallbacksPass_ReplayedOnceButNotAFailureThatStartedAfterTheConsent()
    {
        // Arrange: the schedule is moved out, so the test runs the job itself. Consent lapses (every refresh refused) and an
        // order's chunk fails as NeedsReconsent. The merchant consents again, but the failure is not replayed by the callback's
        // pass: the code is exchanged without the callback, the state the race leaves (the chunk was still failing while the
        // callback replayed what had failed). Then an order started after the consent fails for consent too (QBO answers 403
        // AuthorizationFault 120 once, with the tokens sound).
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None, b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Schedules:" + ReconsentReplayJob.JobName] = "0 0 0 1 1 *" }));
        var services = sandbox.Host.Services;
        var triage = services.GetRequiredService<FailureTriage>();
        var connectionId = DemoSandbox.ConnectionId;
        sandbox.Idp.FailWithInvalidGrant = true;
        sandbox.Idp.ExpireAccessTokens();
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("61101")]));
        var lapsed = await WaitForFailureAsync(triage, connectionId, kind: nameof(ErrorKind.NeedsReconsent));
        sandbox.Idp.FailWithInvalidGrant = false;
        sandbox.Idp.ConsentRealmId = sandbox.RealmId;
        await ConsentWithoutCallbackAsync(services.GetRequiredService<IOAuthTokenManager>(), connectionId);
        sandbox.Qbo.FailNextRequest(new QboSimulatorFault(403, "AuthorizationFault", "120", "Authorization Failure"));
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("61102")]));
        var later = await WaitForFailureAsync(triage, connectionId, kind: nameof(ErrorKind.NeedsReconsent), except: lapsed.Id);
        var job = services.GetServices<IScheduledJob>().OfType<ReconsentReplayJob>().Single();

        // Act: two passes of the schedule.
        await job.RunAsync(TimeProvider.System.GetUtcNow());
        var invoice = await WaitForInvoiceAsync(sandbox, "61101");
        await job.RunAsync(TimeProvider.System.GetUtcNow());

        // Assert: the order that failed before the consent is invoiced once, replayed once, audited as the consent's; the
        // failure that started after the consent is still open for a person.
        Assert.Equal("61101", (string?)invoice["DocNumber"]);
        await AssertInvoicedOnceReplayedOnceByConsentAsync(sandbox, "61101", lapsed.Id, later.Id, ErrorKind.NeedsReconsent);
    }

    [Fact]
    public async Task ConsentCallback_ReplayBudgetSpent_AnswersAtOnceAndTheScheduleReplaysTheRestOnce()
    {
        // Arrange: no time for replays in the callback (OAuth:CallbackReplayBudget zero), and the schedule moved out so the
        // test runs the job itself; one order fails as Validation, then consent lapses and another fails as NeedsReconsent.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None, b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OAuth:CallbackReplayBudget"] = "00:00:00",
            ["Schedules:" + ReconsentReplayJob.JobName] = "0 0 0 1 1 *",
        }));
        var services = sandbox.Host.Services;
        var (unmapped, lapsed) = await FailOneForMappingOneForConsentAsync(sandbox, "61201", "61202");

        // Act: the merchant consents again through the callback, then the schedule runs.
        var (status, page) = await ConsentThroughCallbackAsync(sandbox);
        var stillOpen = await services.GetRequiredService<FailureTriage>().ListAsync(DemoSandbox.ConnectionId, nameof(ErrorKind.NeedsReconsent));
        await services.GetServices<IScheduledJob>().OfType<ReconsentReplayJob>().Single().RunAsync(TimeProvider.System.GetUtcNow());
        var invoice = await WaitForInvoiceAsync(sandbox, "61202");

        // Assert: the callback answered without replaying and said the rest follows; the failure was still open after it;
        // the schedule replayed it once, audited as the consent's, and the order is invoiced once.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("have been restarted", page, StringComparison.Ordinal);
        Assert.Contains("are being restarted in the background within a minute", page, StringComparison.Ordinal);
        Assert.Contains(stillOpen, f => f.Id == lapsed.Id);
        Assert.Equal("61202", (string?)invoice["DocNumber"]);
        await AssertInvoicedOnceReplayedOnceByConsentAsync(sandbox, "61202", lapsed.Id, unmapped.Id, ErrorKind.Validation);
    }

    [Fact]
    public async Task ConsentCallback_NothingFailedForConsent_ReplaysNothing()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var connectionId = DemoSandbox.ConnectionId;
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("62001", "GRINDER-X")]));
        var unmapped = await WaitForFailureAsync(sandbox.Host.Services.GetRequiredService<FailureTriage>(), connectionId, "order:62001");

        // Act
        var results = await sandbox.Host.Services.GetRequiredService<ReconsentFailureReplay>().ReplayAsync(connectionId, "qbo");

        // Assert
        Assert.Empty(results);
        Assert.Contains(await sandbox.Host.Services.GetRequiredService<FailureTriage>().ListAsync(connectionId), f => f.Id == unmapped.Id);
    }

    /// <summary>
    /// One invoice for the order; the failure that waited for consent left the queue, replayed once and audited as the
    /// consent's (the only replay); the other failure is still open for a person.
    /// </summary>
    private static async Task AssertInvoicedOnceReplayedOnceByConsentAsync(DemoSandbox sandbox, string docNumber, string lapsedId, string stillOpenId, ErrorKind stillOpenKind)
    {
        var services = sandbox.Host.Services;
        var connectionId = DemoSandbox.ConnectionId;
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == docNumber);
        var open = await services.GetRequiredService<FailureTriage>().ListAsync(connectionId);
        Assert.DoesNotContain(open, f => f.Id == lapsedId);
        Assert.Contains(open, f => f.Id == stillOpenId && f.ErrorKind == stillOpenKind.ToString());
        var now = TimeProvider.System.GetUtcNow();
        var audit = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(connectionId, now.AddHours(-1), now.AddMinutes(1)) { Operation = "failure.replay" });
        var row = Assert.Single(audit);
        Assert.Equal(lapsedId, row.WorkflowInstanceId);
        Assert.StartsWith($"Replay asked by {ReconsentFailureReplay.Actor} (qbo): {FailureReplayOutcome.Replayed}", row.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// An order with an unmapped SKU fails as Validation; then consent lapses (every refresh refused) and another order
    /// fails as NeedsReconsent. Returns both failures.
    /// </summary>
    private static async Task<(FailureRecord Unmapped, FailureRecord Lapsed)> FailOneForMappingOneForConsentAsync(DemoSandbox sandbox, string unmappedOrder, string lapsedOrder)
    {
        var triage = sandbox.Host.Services.GetRequiredService<FailureTriage>();
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft(unmappedOrder, "GRINDER-X")]));
        var unmapped = await WaitForFailureAsync(triage, DemoSandbox.ConnectionId, "order:" + unmappedOrder);
        sandbox.Idp.FailWithInvalidGrant = true;
        sandbox.Idp.ExpireAccessTokens();
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft(lapsedOrder)]));
        return (unmapped, await WaitForFailureAsync(triage, DemoSandbox.ConnectionId, kind: nameof(ErrorKind.NeedsReconsent)));
    }

    /// <summary>The merchant consents again, to the same company, through the host's connect route and callback; returns the callback's status and page.</summary>
    private static async Task<(HttpStatusCode Status, string Page)> ConsentThroughCallbackAsync(DemoSandbox sandbox)
    {
        sandbox.Idp.FailWithInvalidGrant = false;
        sandbox.Idp.ConsentRealmId = sandbox.RealmId;
        using var browser = new HttpClient { BaseAddress = sandbox.Host.BaseAddress };
        using var consent = await browser.GetAsync(new Uri($"api/oauth/qbo/connect/{DemoSandbox.ConnectionId}", UriKind.Relative));
        return (consent.StatusCode, await consent.Content.ReadAsStringAsync());
    }

    /// <summary>The merchant consents at the OAuth server and the code is exchanged, without the host's callback (and its replay pass).</summary>
    private static async Task ConsentWithoutCallbackAsync(IOAuthTokenManager tokens, string connectionId)
    {
        var request = await tokens.BeginAuthorizationAsync(connectionId, "qbo");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        using var answer = await browser.GetAsync(request.AuthorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = System.Web.HttpUtility.ParseQueryString(answer.Headers.Location!.Query);
        await tokens.ExchangeCodeAsync(connectionId, "qbo", callback["code"]!, callback["state"]!, callback["realmId"]);
    }

    private static async Task<FailureRecord> WaitForFailureAsync(FailureTriage triage, string connectionId, string? businessKey = null, string? kind = null, string? except = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            var found = (await triage.ListAsync(connectionId, kind)).FirstOrDefault(f => (businessKey is null || f.BusinessKey == businessKey) && f.Id != except);
            if (found is not null)
            {
                return found;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"No failure {businessKey ?? kind} on {connectionId} within {Patience}.");
            await Task.Delay(200);
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> WaitForInvoiceAsync(DemoSandbox sandbox, string docNumber)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            if (sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").FirstOrDefault(i => (string?)i["DocNumber"] == docNumber) is { } invoice)
            {
                return invoice;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"No invoice {docNumber} within {Patience}.");
            await Task.Delay(200);
        }
    }
}
