using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.FreshBooks;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Integrations.FreshBooksUps;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Intake.FreshBooks;

/// <summary>
/// <c>POST /api/webhooks/freshbooks/{connectionId}</c> on the real host over Azurite, with the FreshBooks simulator registering
/// callbacks through the real client and delivering the verifier handshake and signed forms over loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FreshBooksWebhookApiIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Register_AnswersTheVerifierHandshakeAndConfirmsEachCallbackWithPut()
    {
        // Arrange
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);

        // Act: registered; the verifier deliveries are dispatched to the end (each audit row is written after its secret).
        await sandbox.RegisterWebhooksAsync();
        await sandbox.WaitForIntakeAsync();

        // Assert: two callbacks created, each confirmed by a PUT FreshBooks accepted, and the verifier never left pending.
        var requests = sandbox.FreshBooks.Requests;
        Assert.Equal(2, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/events/callbacks", StringComparison.Ordinal) && r.StatusCode == 200));
        var confirmations = requests.Where(r => r.Method == "PUT" && r.Path.Contains("/events/callbacks/", StringComparison.Ordinal) && r.Body!.Contains("\"verifier\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, confirmations.Count);
        Assert.All(confirmations, r => Assert.Equal(200, r.StatusCode));
        var audit = await AuditAsync(sandbox, FreshBooksWebhookApi.VerifyOperation);
        Assert.Equal(2, audit.Count(a => a.Outcome == AuditOutcome.Succeeded));
        var verifier = (await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create")))!;
        Assert.DoesNotContain(audit, a => a.Detail!.Contains(verifier, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receive_ForgedUnsignedMalformedOrWrongType_Answers4xxAndRecordsNothing()
    {
        // Arrange
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var verifier = (await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create")))!;
        var account = sandbox.FreshBooks.AccountId;
        var genuine = $"name=invoice.create&object_id=4242&account_id={account}&business_id={sandbox.FreshBooks.BusinessId}&identity_id=1&user_id=1";
        using var http = new HttpClient();

        // Act
        var forged = await PostAsync(http, sandbox.WebhookUri, genuine, Sign("not-the-verifier", genuine));
        var unsigned = await PostAsync(http, sandbox.WebhookUri, genuine, signature: null);
        var tampered = await PostAsync(http, sandbox.WebhookUri, genuine.Replace("4242", "4243", StringComparison.Ordinal), Sign(verifier, genuine));
        var noObject = $"name=invoice.create&account_id={account}";
        var malformed = await PostAsync(http, sandbox.WebhookUri, noObject, Sign(verifier, noObject));
        var badEscape = await PostAsync(http, sandbox.WebhookUri, "name=%ZZ&object_id=1&account_id=" + account, Sign(verifier, genuine));
        var otherAccount = $"name=invoice.create&object_id=4242&account_id=OTHER1";
        var wrongAccount = await PostAsync(http, sandbox.WebhookUri, otherAccount, Sign(verifier, otherAccount));
        var json = await PostAsync(http, sandbox.WebhookUri, genuine, Sign(verifier, genuine), "application/json");
        var unknownConnection = await PostAsync(http, new Uri(sandbox.Host.BaseAddress, "api/webhooks/freshbooks/no-such-connection"), genuine, Sign(verifier, genuine));
        var accepted = await PostAsync(http, sandbox.WebhookUri, genuine, Sign(verifier, genuine));
        await sandbox.WaitForIntakeAsync();

        // Assert: only the genuine delivery was recorded and dispatched.
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered);
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal(HttpStatusCode.Unauthorized, badEscape); // %ZZ decodes to itself, so its fields are not what was signed
        Assert.Equal(HttpStatusCode.NotFound, wrongAccount);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json);
        Assert.Equal(HttpStatusCode.NotFound, unknownConnection);
        Assert.Equal(HttpStatusCode.OK, accepted);
        var received = await AuditAsync(sandbox, FreshBooksWebhookApi.ReceiveOperation);
        var only = Assert.Single(received);
        Assert.Equal("invoice:4242", only.BusinessKey);
        var (pending, poison) = await sandbox.Host.Services.GetRequiredService<WebhookIntake>().CountAsync();
        Assert.Equal((0, 0), (pending, poison));
    }

    [Fact]
    public async Task Receive_AMadeUpVerifyHandshake_IsRefusedByFreshBooksAndChangesNoSigningKey()
    {
        // Arrange
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var before = await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create"));
        var callbackId = sandbox.FreshBooks.Requests.First(r => r.Method == "PUT" && r.Path.Contains("/events/callbacks/", StringComparison.Ordinal)).Path.Split('/')[^1];
        using var http = new HttpClient();

        // Act: an unsigned verify naming a real callback with a verifier of the attacker's choosing.
        var status = await PostAsync(http, sandbox.WebhookUri, $"name=callback.verify&object_id={callbackId}&verifier=attacker-chosen&account_id={sandbox.FreshBooks.AccountId}", signature: null);
        await sandbox.WaitForIntakeAsync();

        // Assert: acknowledged, refused by FreshBooks at dispatch, audited, and both signing keys unchanged.
        Assert.Equal(HttpStatusCode.OK, status);
        var audit = await AuditAsync(sandbox, FreshBooksWebhookApi.VerifyOperation);
        Assert.Single(audit, a => a.Outcome == AuditOutcome.Failed);
        Assert.Equal(before, await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create")));
        Assert.NotEqual("attacker-chosen", await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.update")));
    }

    [Fact]
    public async Task Receive_FloodOfMadeUpVerifyHandshakes_SpendsTheHandshakeBudgetNotTheSignedDeliveries()
    {
        // Arrange: a connection's budget of 3 signed deliveries and of 4 handshakes, 2 of them spent by the registration.
        var limits = new Dictionary<string, string?>
        {
            ["Intake:RateLimit:Burst"] = "3",
            ["Intake:RateLimit:PermitsPerSecond"] = "1",
            ["Intake:RateLimit:HandshakeBurst"] = "4",
            ["Intake:RateLimit:HandshakesPerMinute"] = "1",
        };
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite, hostSettings: limits);
        await sandbox.RegisterWebhooksAsync();
        var verifier = (await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create")))!;
        var callbackId = sandbox.FreshBooks.Requests.First(r => r.Method == "PUT" && r.Path.Contains("/events/callbacks/", StringComparison.Ordinal)).Path.Split('/')[^1];
        using var http = new HttpClient();

        // Act: a forger who knows the connection and account ids sends 3 unsigned handshakes, then FreshBooks 3 signed deliveries.
        var madeUp = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            madeUp.Add(await PostAsync(http, sandbox.WebhookUri, $"name=callback.verify&object_id={callbackId}&verifier=made-up-{i}&account_id={sandbox.FreshBooks.AccountId}", signature: null));
        }

        var signed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var form = $"name=invoice.create&object_id={5000 + i}&account_id={sandbox.FreshBooks.AccountId}&business_id={sandbox.FreshBooks.BusinessId}&identity_id=1&user_id=1";
            signed.Add(await PostAsync(http, sandbox.WebhookUri, form, Sign(verifier, form)));
        }

        await sandbox.WaitForIntakeAsync();

        // Assert: the handshake budget let 2 through and answered the third 429 with nothing written; at dispatch FreshBooks
        // refused the made-up verifier (the second, naming the same callback, found none waiting or was refused too);
        // every signed delivery was accepted and dispatched.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], madeUp);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], signed);
        var verify = await AuditAsync(sandbox, FreshBooksWebhookApi.VerifyOperation);
        Assert.Equal(2, verify.Count(a => a.Outcome == AuditOutcome.Succeeded));
        Assert.Equal(2, verify.Count(a => a.Outcome is AuditOutcome.Failed or AuditOutcome.Skipped));
        Assert.Contains(verify, a => a.Outcome == AuditOutcome.Failed);
        var received = await AuditAsync(sandbox, FreshBooksWebhookApi.ReceiveOperation);
        Assert.Equal(["invoice:5000", "invoice:5001", "invoice:5002"], received.Select(r => r.BusinessKey).Order(StringComparer.Ordinal));
        Assert.Equal(verifier, await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create")));
    }

    [Fact]
    public async Task Dispatch_SameEventsDeliveredThreeTimes_OneReceiptRowPerDecisionCountingTheRepeats()
    {
        // Arrange: a flagged and an unflagged invoice whose own deliveries FreshBooks dropped.
        await using var sandbox = await FreshBooksUpsSandbox.StartAsync(azurite);
        await sandbox.RegisterWebhooksAsync();
        var verifier = (await sandbox.Secrets.GetAsync(FreshBooksCallbackVerifiers.ConfirmedName(FreshBooksUpsSandbox.ConnectionId, "invoice.create")))!;
        var client = sandbox.FreshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 Elm St", "Alpharetta", "GA", "30005", "United States");
        var flagged = await sandbox.FreshBooks.CreateInvoiceAsync(client, [("Mugs", 6m, 4m), ("Shipping", 1m, 12m)], delivery: FreshBooksWebhookDelivery.Drop);
        var plain = await sandbox.FreshBooks.CreateInvoiceAsync(client, [("Mugs", 2m, 4m)], delivery: FreshBooksWebhookDelivery.Drop);
        string Form(long invoiceId) => $"name=invoice.create&object_id={invoiceId}&account_id={sandbox.FreshBooks.AccountId}&business_id={sandbox.FreshBooks.BusinessId}&identity_id=1&user_id=1";
        using var http = new HttpClient();
        var instance = FreshBooksUpsKeys.InvoiceInstance(FreshBooksUpsSandbox.ConnectionId, flagged);

        // Act: each delivery made three times, the intake drained after each round.
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 3; round++)
        {
            statuses.Add(await PostAsync(http, sandbox.WebhookUri, Form(flagged), Sign(verifier, Form(flagged))));
            statuses.Add(await PostAsync(http, sandbox.WebhookUri, Form(plain), Sign(verifier, Form(plain))));
            await sandbox.WaitForIntakeAsync();
        }

        await WorkflowWait.ForAsync(sandbox.Workflows, instance, WorkflowRuntimeStatus.Completed);

        // Assert: six deliveries acknowledged; two receipt rows, each counting two repeats; one shipment.
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var received = await AuditAsync(sandbox, FreshBooksWebhookApi.ReceiveOperation);
        Assert.Equal(2, received.Count);
        var started = Assert.Single(received, r => r.WorkflowInstanceId == instance);
        Assert.Equal((AuditOutcome.Succeeded, 2, $"invoice:{flagged}"), (started.Outcome, started.Repeats, started.BusinessKey));
        Assert.NotNull(started.LastSeen);
        var skipped = Assert.Single(received, r => r.WorkflowInstanceId is null);
        Assert.Equal((AuditOutcome.Skipped, 2, $"invoice:{plain}"), (skipped.Outcome, skipped.Repeats, skipped.BusinessKey));
        Assert.Single(sandbox.Ups.GetShipments());
    }

    private static string Sign(string verifier, string form) =>
        FreshBooksWebhookSignature.Compute(verifier, FreshBooksWebhookSignature.SignedMessage(FreshBooksWebhookSignature.ParseForm(form.Replace("%ZZ", "x", StringComparison.Ordinal))));

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri uri, string form, string? signature, string contentType = "application/x-www-form-urlencoded")
    {
        using var content = new StringContent(form, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(FreshBooksWebhookSignature.HeaderName, signature);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<IReadOnlyList<AuditRecord>> AuditAsync(FreshBooksUpsSandbox sandbox, string operation) =>
        await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(
            new AuditQuery(FreshBooksUpsSandbox.ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { Operation = operation });
}
