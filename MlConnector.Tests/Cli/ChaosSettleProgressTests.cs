using MlConnector.Cli.Chaos;

namespace MlConnector.Tests.Cli;

/// <summary>
/// <see cref="ChaosSettleProgress"/>: a settle says, about every 30 seconds, what each integration still waits on, and the
/// report keeps per integration when it last became idle (nothing running, pending, outstanding or in the intake).
/// </summary>
public class ChaosSettleProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_ReportDue_WritesEachIntegrationsRunningByNamePendingAndOutstanding()
    {
        // Arrange
        var lines = new List<string>();
        var sut = CreateSut(lines);
        var at = Start.AddSeconds(31);

        // Act
        sut.Observe(
            at,
            3,
            Outstanding(("qbo-ups", 0), ("qbo-sps", 7)),
            [Seen("a", "c-ups", "UpsShipmentWorkflow"), Seen("b", "c-ups", "UpsShipmentWorkflow"), Seen("c", "c-ups", "QboBillWorkflow")],
            [Seen("d", "c-sps", "SpsImportWorkflow")]);

        // Assert
        var line = Assert.Single(lines);
        Assert.Equal(
            "Settling the phase 0, 31 s: 3 deliveries waiting in the intake; qbo-ups 3 running (UpsShipmentWorkflow 2, QboBillWorkflow 1), 0 pending; qbo-sps 0 running, 1 pending, 7 SPS files not started",
            line);
    }

    [Fact]
    public void Observe_BeforeTheInterval_WritesNothing()
    {
        // Arrange
        var lines = new List<string>();
        var sut = CreateSut(lines);

        // Act
        sut.Observe(Start.AddSeconds(10), 0, Outstanding(), [], []);

        // Assert
        Assert.Empty(lines);
        Assert.False(sut.ReportDue(Start.AddSeconds(29)));
        Assert.True(sut.ReportDue(Start.AddSeconds(30)));
    }

    [Fact]
    public void Finish_OneIntegrationIdleEarlyOneLate_ReportsEachOnesSeconds()
    {
        // Arrange: qbo-ups idle from 10 s; qbo-sps busy at 10 s and 20 s, idle from 40 s.
        var sut = CreateSut([]);
        sut.Observe(Start.AddSeconds(10), 0, Outstanding(("qbo-sps", 2)), [], [], Held());
        sut.Observe(Start.AddSeconds(20), 0, Outstanding(), [Seen("x", "c-sps", "SpsImportWorkflow")], [], Held());
        sut.Observe(Start.AddSeconds(40), 0, Outstanding(), [], [], Held());

        // Act
        var timing = sut.Finish(Start.AddSeconds(50), ChaosSettleOutcome.Settled);

        // Assert
        Assert.Equal(("phase 0", ChaosSettleOutcome.Settled, 50d), (timing.What, timing.Outcome, timing.Seconds));
        Assert.Equal(10d, timing.Integrations["qbo-ups"]);
        Assert.Equal(40d, timing.Integrations["qbo-sps"]);
    }

    [Fact]
    public void Finish_IdleThenBusyAgainUnlisted_IdleTimeRestartsAndWaitingIntakeCountsForAll()
    {
        // Arrange: both idle at 10 s; at 20 s deliveries wait in the shared intake (no listing); at 30 s qbo-sps reports
        // outstanding work again (no listing), and at 40 s only qbo-ups is idle again.
        var sut = CreateSut([]);
        sut.Observe(Start.AddSeconds(10), 0, Outstanding(), [], [], Held());
        sut.Observe(Start.AddSeconds(20), 4, Outstanding(), null, null);
        sut.Observe(Start.AddSeconds(40), 0, Outstanding(("qbo-sps", 1)), [], [], Held());

        // Act
        var timing = sut.Finish(Start.AddSeconds(45), ChaosSettleOutcome.TimedOut);

        // Assert
        Assert.Equal(40d, timing.Integrations["qbo-ups"]);
        Assert.Null(timing.Integrations["qbo-sps"]);
    }

    [Fact]
    public void ToJson_Settles_KeepsEachSettlesSecondsAndPerIntegrationSeconds()
    {
        // Arrange
        var sut = CreateSut([]);
        sut.Observe(Start.AddSeconds(12), 0, Outstanding(("qbo-sps", 1)), [], [], Held());
        var summary = new ChaosSummary
        {
            Seed = 17,
            Integrations = [],
            Faults = new ChaosFaultCounts(),
            Settles = [sut.Finish(Start.AddSeconds(60.04), ChaosSettleOutcome.TimedOut)],
            Simulators = [new ChaosSimulatorTraffic("shipstation", 120, 9, 24, 6, 2)],
        };

        // Act
        using var json = JsonDocument.Parse(ChaosReport.ToJson(summary));

        // Assert
        var settle = Assert.Single(json.RootElement.GetProperty("settles").EnumerateArray());
        Assert.Equal("phase 0", settle.GetProperty("what").GetString());
        Assert.Equal("TimedOut", settle.GetProperty("outcome").GetString());
        Assert.Equal(60d, settle.GetProperty("seconds").GetDouble());
        Assert.Equal(12d, settle.GetProperty("integrations").GetProperty("qbo-ups").GetDouble());
        Assert.Equal(JsonValueKind.Null, settle.GetProperty("integrations").GetProperty("qbo-sps").ValueKind);
        var traffic = Assert.Single(json.RootElement.GetProperty("simulators").EnumerateArray());
        Assert.Equal(("shipstation", 120, 9, 24, 6, 2), (traffic.GetProperty("simulator").GetString(), traffic.GetProperty("requests").GetInt32(), traffic.GetProperty("limitedByVendor").GetInt32(), traffic.GetProperty("injectedServerErrors").GetInt32(), traffic.GetProperty("injectedRateLimits").GetInt32(), traffic.GetProperty("lostResponses").GetInt32()));
    }

    [Fact]
    public void Finish_HeldWorkOnAConnection_IntegrationNotDoneUntilNothingIsHeld()
    {
        // Arrange: nothing runs, is pending or outstanding from 10 s, but qbo-sps's connection holds starts beyond its running
        // limit until 40 s; at 20 s nobody asked (a look without health reads), which must not call either integration done.
        var lines = new List<string>();
        var sut = CreateSut(lines);
        sut.Observe(Start.AddSeconds(5), 0, Outstanding(), [], []);
        sut.Observe(Start.AddSeconds(10), 0, Outstanding(), [], [], Held(("c-sps", 120)));
        sut.Observe(Start.AddSeconds(31), 0, Outstanding(), [], [], Held(("c-sps", 16)));
        sut.Observe(Start.AddSeconds(40), 0, Outstanding(), [], [], Held(("c-sps", 0)));

        // Act
        var timing = sut.Finish(Start.AddSeconds(45), ChaosSettleOutcome.Settled);

        // Assert
        Assert.Equal(10d, timing.Integrations["qbo-ups"]);
        Assert.Equal(40d, timing.Integrations["qbo-sps"]);
        Assert.Equal("Settling the phase 0, 31 s: 0 deliveries waiting in the intake; qbo-ups done at 10 s; qbo-sps 0 running, 0 pending, 16 held", Assert.Single(lines));
    }

    [Fact]
    public void Finish_NoLookAskedForHeldWork_NoIntegrationIsCalledDone()
    {
        var sut = CreateSut([]);
        sut.Observe(Start.AddSeconds(10), 0, Outstanding(), [], []);

        var timing = sut.Finish(Start.AddSeconds(20), ChaosSettleOutcome.TimedOut);

        Assert.Null(timing.Integrations["qbo-ups"]);
        Assert.Null(timing.Integrations["qbo-sps"]);
    }

    private static ChaosSettleProgress CreateSut(List<string> lines) =>
        new("phase 0", [("qbo-ups", ["c-ups"], "records not picked up"), ("qbo-sps", ["c-sps"], "SPS files not started")], Start, lines.Add);

    private static ChaosWorkflowSeen Seen(string id, string connection, string name) => new(id, connection, name);

    private static Dictionary<string, int> Held(params (string Connection, int Count)[] counts) =>
        counts.ToDictionary(c => c.Connection, c => c.Count, StringComparer.Ordinal);

    private static Dictionary<string, int> Outstanding(params (string Integration, int Count)[] counts) =>
        counts.ToDictionary(c => c.Integration, c => c.Count, StringComparer.Ordinal);
}
