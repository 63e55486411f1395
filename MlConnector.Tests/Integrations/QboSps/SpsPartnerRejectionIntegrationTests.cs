using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// A trading partner's rejection of an 810 that SPS accepted (the SPS simulator's rejecting partner, reported in its
/// history): found by the poll once, recorded as <c>partner-rejected</c> on the document's audit row and failure, kept apart
/// from SPS's own refusal, and resent once as a correction when replayed after the invoice was fixed in QBO.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpsPartnerRejectionIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PartnerRejectsAnAccepted810_IsPartnerRejectedThenTheReplayAfterTheFixResendsItOnce()
    {
        // Arrange: SPSALLTESTID rejects invoices after SPS accepts them.
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        s.Sps.RejectInvoicesFrom(QboSpsSandbox.PartnerA);
        var invoiceId = s.CreateInvoice("1010", "71", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), null, ("11", 2m, 20m));
        var sent = await s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId));
        var started = new List<(string Id, SpsRejectedDocument Input)>();
        var workflows = new Mock<IWorkflowClient>();
        workflows.Setup(w => w.StartAsync(nameof(SpsPartnerRejectionWorkflow), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, object input, CancellationToken _) =>
            {
                var duplicate = started.Any(x => x.Id == id);
                started.Add((id, (SpsRejectedDocument)input));
                return new WorkflowStartResult(id, duplicate, WorkflowRuntimeStatus.Pending);
            });
        var sps = s.Services.GetRequiredService<ISpsCommerceClient>();

        // Act 1: two polls find the rejection; the workflow's first run records it.
        var firstPoll = await SpsPartnerRejectionHandler.StartNewAsync(sps, workflows.Object, QboSpsSandbox.ConnectionId);
        var secondPoll = await SpsPartnerRejectionHandler.StartNewAsync(sps, workflows.Object, QboSpsSandbox.ConnectionId);
        var (instanceId, rejected) = started[0];
        var error = await Assert.ThrowsAsync<ConnectorException>(() => s.RejectionHandler.HandleAsync(rejected, instanceId));

        // Assert 1: one workflow for the rejected upload; partner-rejected, naming partner, number, path and reason.
        Assert.True(sent.Uploaded);
        Assert.Equal((1, 0), (firstPoll, secondPoll));
        Assert.Equal(SpsPartnerRejectionHandler.InstanceId(QboSpsSandbox.ConnectionId, sent.Path!), instanceId);
        Assert.Equal((sent.Path, QboSpsSandbox.PartnerA, "1010"), (rejected.Path, rejected.TradingPartnerId, rejected.DocumentNumber));
        Assert.Equal(ErrorKind.PartnerRejected, error.Kind);
        Assert.Contains("SPSALLTESTID rejected 810 1010", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the partner's purchase order terms", error.Message, StringComparison.Ordinal);
        var row = Assert.Single(s.Audit.Records, r => r.Operation == SpsPartnerRejectionHandler.Operation);
        Assert.Equal((AuditOutcome.Failed, ErrorKind.PartnerRejected, sent.Path, "SPSALLTESTID/1010"), (row.Outcome, row.ErrorKind, row.VendorReference, row.BusinessKey));
        Assert.Contains($"QBO invoice {invoiceId}", row.Detail, StringComparison.Ordinal);

        // Act 2: the merchant corrects the quantity, the partner now accepts, the operator replays (twice).
        s.Qbo.TouchEntity(QboSpsSandbox.RealmId, "Invoice", invoiceId, i =>
        {
            i["Line"]![0]!["SalesItemLineDetail"]!["Qty"] = 3;
            i["Line"]![0]!["Amount"] = 60;
        });
        s.Sps.AcceptInvoicesFrom(QboSpsSandbox.PartnerA);
        var replay = await s.RejectionHandler.HandleAsync(rejected, WorkflowInstanceId.ForReplay(instanceId, 1));
        var again = await s.RejectionHandler.HandleAsync(rejected, WorkflowInstanceId.ForReplay(instanceId, 1));

        // Assert 2: the correction went once, under its own name, with the corrected quantity.
        Assert.True(replay.Uploaded);
        Assert.False(again.Uploaded);
        Assert.Equal(replay.ResentPath, again.ResentPath);
        Assert.Matches(@"^in/IN-SPSALLTESTID-1010-[0-9a-f]{12}\.json$", replay.ResentPath);
        Assert.Equal(2, s.Sps.Uploaded.Count);
        var correction = JsonNode.Parse(s.Sps.Uploaded[1].Content)!;
        Assert.Equal(3m, correction["LineItem"]![0]!["InvoiceLine"]!["InvoiceQty"]!.GetValue<decimal>());
        Assert.Single(s.Sps.Rejections);
    }

    [Fact]
    public async Task SendAsync_SpsRefusesTheUploadItself_IsNotPartnerRejected()
    {
        // Arrange
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        var invoiceId = s.CreateInvoice("1011", "71", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), null, ("11", 1m, 20m));
        s.Sps.FailNext(HttpStatusCode.BadRequest);

        // Act
        var error = await Assert.ThrowsAnyAsync<ConnectorException>(() => s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId)));

        // Assert
        Assert.NotEqual(ErrorKind.PartnerRejected, error.Kind);
        Assert.Empty(s.Sps.Uploaded);
        Assert.DoesNotContain(s.Audit.Records, r => r.ErrorKind == ErrorKind.PartnerRejected);
    }
}
