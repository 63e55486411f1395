using Microsoft.DurableTask.Client;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Integrations.FreshBooksUps.Activities;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Orchestrations;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Connectors.Ups;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// The FreshBooks ↔ UPS orchestrator functions (<see cref="FreshBooksInvoiceToUpsShipmentOrchestrator"/>,
/// <see cref="UpsTrackingToFreshBooksInvoiceOrchestrator"/>), started through <see cref="DurableWorkflowClient"/> and
/// run by the real Durable engine with scripted activities: the activity chain, the data each step hands the next, the
/// output and the custom status that names the business record.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public class FreshBooksOrchestratorsOnEngineTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task FreshBooksInvoiceToUpsShipment_AllStepsSucceed_ChainsTheirInputsAndCompletes()
    {
        // Arrange
        var input = new FreshBooksInvoiceRef("acme-fb", 70601);
        var id = FreshBooksUpsKeys.InvoiceInstance(input.ConnectionId, input.InvoiceId);
        var plan = Plan(input, "INV-601");
        var shipment = new ShipmentCreated("1ZENGINEFB601", ["1ZENGINEFB6010001", "1ZENGINEFB6010002"], 21.37m, "USD", Created: true);
        engine.Script
            .Returns(id, nameof(FbReadInvoiceActivity), new FreshBooksShipmentPlanResult(plan, null))
            .Returns(id, nameof(FbUpsValidateAddressActivity), new UpsAddressValidation(UpsAddressClassification.Valid, []))
            .Returns(id, nameof(FbUpsRateShipmentActivity), new UpsRateQuote("03", 21.37m, "USD"))
            .Returns(id, nameof(FbUpsCreateShipmentActivity), shipment)
            .Returns(id, nameof(FbWriteTrackingActivity), new FreshBooksTrackingWriteResult(input.InvoiceId, Changed: true, "UPS 1ZENGINEFB6010001"))
            .Returns(id, nameof(FbUpsSubscribeTrackAlertActivity), new TrackAlertResult(2, 0, null));

        // Act
        var output = await RunAsync(nameof(FreshBooksInvoiceToUpsShipmentWorkflow), id, input);

        // Assert
        Assert.Equal(70601, output.GetProperty("invoiceId").GetInt64());
        Assert.Equal("1ZENGINEFB601", output.GetProperty("shipmentIdentificationNumber").GetString());
        Assert.Equal(["1ZENGINEFB6010001", "1ZENGINEFB6010002"], output.GetProperty("trackingNumbers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(21.37m, output.GetProperty("charge").GetDecimal());
        Assert.Equal("USD", output.GetProperty("currencyCode").GetString());
        Assert.Equal(JsonValueKind.Null, output.GetProperty("skipReason").ValueKind);
        Assert.Equal(Json(input), Single(id, nameof(FbReadInvoiceActivity)).InputJson);
        Assert.Equal(Json(plan), Single(id, nameof(FbUpsValidateAddressActivity)).InputJson);
        Assert.Equal(Json(plan), Single(id, nameof(FbUpsRateShipmentActivity)).InputJson);
        Assert.Equal(Json(plan), Single(id, nameof(FbUpsCreateShipmentActivity)).InputJson);
        Assert.Equal(Json(input), Single(id, nameof(FbWriteTrackingActivity)).InputJson);
        Assert.Equal(Json(new TrackAlertRequest(input.ConnectionId, shipment.TrackingNumbers)), Single(id, nameof(FbUpsSubscribeTrackAlertActivity)).InputJson);
        Assert.Equal([1, 2, 3, 4, 5, 6], new[]
        {
            nameof(FbReadInvoiceActivity), nameof(FbUpsValidateAddressActivity), nameof(FbUpsRateShipmentActivity),
            nameof(FbUpsCreateShipmentActivity), nameof(FbWriteTrackingActivity), nameof(FbUpsSubscribeTrackAlertActivity),
        }.Select(a => Single(id, a).TaskId));
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal("done", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal(70601, custom.RootElement.GetProperty("invoiceId").GetInt64());
        Assert.Equal("1ZENGINEFB601", custom.RootElement.GetProperty("shipment").GetString());
    }

    [Fact]
    public async Task FreshBooksInvoiceToUpsShipment_AddressAmbiguous_FailsAsValidationBeforeRatingAndKeepsTheInvoiceInItsStatus()
    {
        // Arrange
        var input = new FreshBooksInvoiceRef("acme-fb", 70602);
        var id = FreshBooksUpsKeys.InvoiceInstance(input.ConnectionId, input.InvoiceId);
        var plan = Plan(input, "INV-602");
        engine.Script
            .Returns(id, nameof(FbReadInvoiceActivity), new FreshBooksShipmentPlanResult(plan, null))
            .Throws(id, nameof(FbUpsValidateAddressActivity), new ConnectorValidationException(IntegrationKinds.FreshBooksUps, "Invoice INV-602: UPS finds the ship-to address ambiguous; 2 candidates.", field: plan.ShipToField));

        // Act
        await engine.Workflows.StartAsync(nameof(FreshBooksInvoiceToUpsShipmentWorkflow), id, input);
        var metadata = await engine.WaitForCompletionAsync(id);
        var status = await engine.Workflows.GetStatusAsync(id);

        // Assert: one attempt (a data error is not retried), nothing rated or shipped, and the failure keeps its kind.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal(ErrorKind.Validation, status.Failure!.Kind);
        Assert.Contains("ship-to address ambiguous", status.Failure.Message, StringComparison.Ordinal);
        Assert.Single(engine.Script.Attempts(id, nameof(FbUpsValidateAddressActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(FbUpsRateShipmentActivity)));
        Assert.Empty(engine.Script.Attempts(id, nameof(FbUpsCreateShipmentActivity)));
        using var custom = JsonDocument.Parse(status.SerializedCustomStatus!);
        Assert.Equal("address", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal(70602, custom.RootElement.GetProperty("invoiceId").GetInt64());
        Assert.Equal("INV-602", custom.RootElement.GetProperty("invoice").GetString());
    }

    [Fact]
    public async Task UpsTrackingToFreshBooksInvoice_DeliveredStatus_WritesItAndNamesTheTrackingNumber()
    {
        // Arrange
        var input = new TrackingUpdate("acme-fb", UpsTrackAlertPayload.Parse(UpsContract.TrackAlertExample("2")), "trackalert");
        var id = FreshBooksUpsKeys.TrackingInstance(input.ConnectionId, input.Status.TrackingNumber, UpsTrackingText.StatusKey(input.Status));
        engine.Script.Returns(id, nameof(FbApplyTrackingActivity), new FreshBooksTrackingWriteResult(70603, Changed: true, $"UPS {input.Status.TrackingNumber}: Delivered"));

        // Act
        var output = await RunAsync(nameof(UpsTrackingToFreshBooksInvoiceWorkflow), id, input);

        // Assert
        Assert.Equal("""{"invoiceId":70603,"changed":true,"text":"UPS """ + input.Status.TrackingNumber + """: Delivered"}""", output.GetRawText());
        Assert.Equal(Json(input), Single(id, nameof(FbApplyTrackingActivity)).InputJson);
        var status = await engine.Workflows.GetStatusAsync(id);
        using var custom = JsonDocument.Parse(status!.SerializedCustomStatus!);
        Assert.Equal("done", custom.RootElement.GetProperty("step").GetString());
        Assert.Equal(input.Status.TrackingNumber, custom.RootElement.GetProperty("trackingNumber").GetString());
        Assert.True(custom.RootElement.GetProperty("changed").GetBoolean());
    }

    private static UpsShipmentPlan Plan(FreshBooksInvoiceRef input, string number)
        => new(
            input.ConnectionId,
            IntegrationKinds.FreshBooksUps,
            new SourceDocument(FreshBooksUpsNames.InvoiceSource, input.InvoiceId.ToString(CultureInfo.InvariantCulture), number, "Invoice"),
            UpsHarness.NewShipment(),
            "client shipping address",
            "FreshBooks");

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), TestSupport.OrchestrationContextMock.Json);

    private async Task<JsonElement> RunAsync(string workflow, string id, object input)
    {
        await engine.RunToCompletionAsync(workflow, id, input);
        var status = await engine.Workflows.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        using var output = JsonDocument.Parse(status.SerializedOutput!);
        return output.RootElement.Clone();
    }

    private ScriptedAttempt Single(string id, string activity) => Assert.Single(engine.Script.Attempts(id, activity));
}
