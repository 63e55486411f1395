using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Audit;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class TableAuditTrailTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 23, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private TableAuditTrail CreateSut() => new(azurite.NewTables(), _time);

    [Fact]
    public async Task WriteAsync_ThenQuery_RoundTripsEveryField()
    {
        // Arrange
        var sut = CreateSut();
        var record = new AuditRecord("acme", "qbo.invoice.create", AuditOutcome.Failed)
        {
            WorkflowInstanceId = "shipstation-qbo:acme:order:1001",
            BusinessKey = "1001",
            VendorReference = "INV-9",
            ErrorKind = ErrorKind.Validation,
            Detail = "SKU WIDGET-9 has no QBO item mapping",
        };

        // Act
        var written = await sut.WriteAsync(record);
        var read = await sut.QueryAsync(new AuditQuery("acme", Start.AddHours(-1), Start.AddHours(1)));

        // Assert
        var only = Assert.Single(read);
        Assert.Equal(written, only);
        Assert.Equal(Start, only.Time);
        Assert.Equal(ErrorKind.Validation, only.ErrorKind);
        Assert.NotNull(only.Id);
    }

    [Fact]
    public async Task WriteOnceAsync_SameEventThreeTimesConcurrently_OneRowCountingTwoRepeatsAndTheLastSighting()
    {
        // Arrange: the first sighting, then two redeliveries racing each other an hour later.
        var sut = CreateSut();
        var record = new AuditRecord("acme", "shipstation.webhook.receive", AuditOutcome.Succeeded) { WorkflowInstanceId = "shipstation-qbo:acme:notification:1" };
        var other = record with { WorkflowInstanceId = "shipstation-qbo:acme:notification:2" };

        // Act
        var first = await sut.WriteOnceAsync(record, record.WorkflowInstanceId!);
        _time.Advance(TimeSpan.FromHours(1));
        await Task.WhenAll(sut.WriteOnceAsync(record with { Outcome = AuditOutcome.Skipped }, record.WorkflowInstanceId!), sut.WriteOnceAsync(record with { Outcome = AuditOutcome.Skipped }, record.WorkflowInstanceId!));
        await sut.WriteOnceAsync(other, other.WorkflowInstanceId!);
        var read = await sut.QueryAsync(new AuditQuery("acme", Start.AddHours(-1), Start.AddHours(3)));

        // Assert: the first row kept its outcome and time; the repeats were counted on it; the other event has its own row.
        Assert.Equal(2, read.Count);
        var kept = Assert.Single(read, r => r.WorkflowInstanceId == record.WorkflowInstanceId);
        Assert.Equal((first.Id, AuditOutcome.Succeeded, Start, 2, Start.AddHours(1)), (kept.Id, kept.Outcome, kept.Time, kept.Repeats, kept.LastSeen));
        Assert.Equal(0, Assert.Single(read, r => r.WorkflowInstanceId == other.WorkflowInstanceId).Repeats);
    }

    [Fact]
    public async Task QueryAsync_AcrossDays_FiltersByBusinessKeyStatusAndRangeNewestFirst()
    {
        // Arrange: rows over three UTC days, two connections.
        var sut = CreateSut();
        for (var i = 0; i < 6; i++)
        {
            await sut.WriteAsync(new AuditRecord("acme", "qbo.invoice.create", i % 2 == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed)
            {
                BusinessKey = i < 3 ? "1001" : "1002",
            });
            await sut.WriteAsync(new AuditRecord("globex", "qbo.invoice.create", AuditOutcome.Failed) { BusinessKey = "1001" });
            _time.Advance(TimeSpan.FromHours(12));
        }

        // Act
        var all = await sut.QueryAsync(new AuditQuery("acme", Start, Start.AddDays(4)));
        var order1001 = await sut.QueryAsync(new AuditQuery("acme", Start, Start.AddDays(4)) { BusinessKey = "1001" });
        var failed = await sut.QueryAsync(new AuditQuery("acme", Start, Start.AddDays(4)) { Outcome = AuditOutcome.Failed });
        var window = await sut.QueryAsync(new AuditQuery("acme", Start.AddHours(12), Start.AddHours(36)));
        var limited = await sut.QueryAsync(new AuditQuery("acme", Start, Start.AddDays(4)) { Limit = 2 });

        // Assert
        Assert.Equal(6, all.Count);
        Assert.True(all.Select(r => r.Time).SequenceEqual(all.Select(r => r.Time).OrderByDescending(t => t)));
        Assert.Equal(3, order1001.Count);
        Assert.All(order1001, r => Assert.Equal("1001", r.BusinessKey));
        Assert.Equal(3, failed.Count);
        Assert.All(failed, r => Assert.Equal(AuditOutcome.Failed, r.Outcome));
        Assert.Equal([Start.AddHours(24), Start.AddHours(12)], window.Select(r => r.Time));
        Assert.Equal([Start.AddHours(60), Start.AddHours(48)], limited.Select(r => r.Time));
    }

    [Fact]
    public async Task WriteAsync_DetailWithCredentials_IsRedacted()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var stored = await sut.WriteAsync(new AuditRecord("acme", "ups.token", AuditOutcome.Failed)
        {
            Detail = "Request had Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.secretpart and refresh_token=AB12cd34EF56",
        });
        var read = await sut.QueryAsync(new AuditQuery("acme", Start.AddDays(-1), Start.AddDays(1)));

        // Assert
        Assert.DoesNotContain("eyJhbGciOiJSUzI1NiJ9", read[0].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("AB12cd34EF56", read[0].Detail, StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", stored.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionKeyFor_IsPerConnectionAndUtcDay()
    {
        Assert.Equal("acme|20261120", TableAuditTrail.PartitionKeyFor("acme", new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.Zero)));
        Assert.Equal("acme|20261121", TableAuditTrail.PartitionKeyFor("acme", new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.FromHours(-5))));
    }
}
