using MlConnector.Cli.Chaos;
using Spectre.Console;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The chaos report keeps each visible failure's message (which step threw what), not only its kind, in <c>--json</c> and
/// in the table, so a failure of kind <c>Unknown</c> can be traced from the report; credential values never reach it.
/// </summary>
public class ChaosReportTests
{
    private const string Message = "Activity 'QbdApplyShipmentActivity' (#3) failed after 1 attempt(s): Unknown: The QuickBooks Desktop answer for request 7 was not understood.";

    [Fact]
    public void ToJson_VisibleFailure_KeepsWorkflowKindWhatToFixAndMessage()
    {
        // Arrange
        var summary = CreateSummary(Message);

        // Act
        using var json = JsonDocument.Parse(ChaosReport.ToJson(summary));

        // Assert
        var failure = Assert.Single(json.RootElement.GetProperty("integrations")[0].GetProperty("failures").EnumerateArray());
        Assert.Equal("shipment:7", failure.GetProperty("record").GetString());
        Assert.Equal("c1|QbdShipmentToInvoice|shipment:7", failure.GetProperty("id").GetString());
        Assert.Equal("QbdShipmentToInvoice", failure.GetProperty("workflow").GetString());
        Assert.Equal("Unknown", failure.GetProperty("errorKind").GetString());
        Assert.Equal("Something failed on ml-connector's side.", failure.GetProperty("whatToFix").GetString());
        Assert.Equal(Message, failure.GetProperty("detail").GetString());
        Assert.True(failure.GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public void WriteTable_VisibleFailure_ListsRecordKindWorkflowAndMessage()
    {
        // Arrange
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 1000;

        // Act
        ChaosReport.WriteTable(console, CreateSummary(Message));

        // Assert
        var row = Assert.Single(output.ToString().Split('\n'), l => l.Contains("shipment:7", StringComparison.Ordinal));
        Assert.Contains("Unknown", row, StringComparison.Ordinal);
        Assert.Contains("QbdShipmentToInvoice", row, StringComparison.Ordinal);
        Assert.Contains(Message, row, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_MessageEchoingACredential_RedactsIt()
    {
        // Arrange: a vendor that echoed the header it refused.
        var summary = CreateSummary("Transient: 503 from the vendor for Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.abc");

        // Act
        var json = ChaosReport.ToJson(summary);

        // Assert
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiJ9", json, StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTable_MoreFailuresThanRows_ListsTheFirstAndCountsTheRest()
    {
        // Arrange
        var failures = Enumerable.Range(1, ChaosReport.FailureRows + 3)
            .Select(i => new ChaosVisibleFailure($"order:{i:D3}", $"c1|Order|order:{i:D3}", "Order", "Transient", "Replay later.", "Transient: 503", Replayed: true))
            .ToList();
        var summary = CreateSummary(Message) with { Integrations = [new ChaosIntegrationResult("shipstation-qbo", failures.Count) { Failures = failures }] };
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 1000;

        // Act
        ChaosReport.WriteTable(console, summary);

        // Assert
        var text = output.ToString();
        Assert.Contains($"order:{ChaosReport.FailureRows:D3}", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"order:{ChaosReport.FailureRows + 1:D3}", text, StringComparison.Ordinal);
        Assert.Contains("… and 3 more visible failures", text, StringComparison.Ordinal);
    }

    /// <summary>A one-integration summary whose one visible failure is parsed from a <c>GET /api/failures</c> answer.</summary>
    private static ChaosSummary CreateSummary(string detail)
    {
        var answer = JsonSerializer.SerializeToElement(new
        {
            failures = new[]
            {
                new
                {
                    id = "c1|QbdShipmentToInvoice|shipment:7",
                    connectionId = "c1",
                    workflow = "QbdShipmentToInvoice",
                    businessKey = "shipment:7",
                    errorKind = "Unknown",
                    whatToFix = "Something failed on ml-connector's side.",
                    whoFixes = "ml-connector",
                    detail,
                },
            },
        });
        var failure = Assert.Single(ChaosFailure.Parse(answer));
        return new ChaosSummary
        {
            Seed = 17,
            Integrations =
            [
                new ChaosIntegrationResult("qbd-shipstation", 1)
                {
                    SyncedExactlyOnce = 1,
                    FailedVisibly = 1,
                    FailedVisiblyWithWhatToFix = 1,
                    ReplayedSuccessfully = 1,
                    Failures = [ChaosVisibleFailure.Of("shipment:7", failure, replayed: true)],
                },
            ],
            Faults = new ChaosFaultCounts(),
        };
    }
}
