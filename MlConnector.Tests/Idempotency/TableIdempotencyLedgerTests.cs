using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Idempotency;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class TableIdempotencyLedgerTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static LedgerKey Key(string sourceId = "1001", string connection = "acme") =>
        new(connection, "shipstation", sourceId, "qbo.invoice.create");

    private TableIdempotencyLedger CreateSut() => new(azurite.NewTables(), _time);

    [Fact]
    public async Task ExecuteOnceAsync_TwentyRacingRuns_CreateExactlyOnce()
    {
        // Arrange
        var sut = CreateSut();
        var creates = 0;
        async Task<string> CreateAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref creates);
            await Task.Yield();
            return "INV-77";
        }

        // Act: twenty runs start at once, as after a burst of redelivered webhooks.
        var runs = Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return await sut.ExecuteOnceAsync(Key(), _ => Task.FromResult<string?>(null), CreateAsync);
            }
            catch (ConnectorException ex) when (ex.Kind == ErrorKind.Transient)
            {
                return null;
            }
        }).ToArray();
        var results = await Task.WhenAll(runs);

        // Assert
        Assert.Equal(1, creates);
        Assert.Single(results, r => r is { Created: true });
        Assert.All(results.Where(r => r is not null), r => Assert.Equal("INV-77", r!.TargetId));
        var entry = await sut.GetAsync(Key());
        Assert.Equal(LedgerStatus.Succeeded, entry!.Status);
        Assert.Equal("INV-77", entry.TargetId);
    }

    [Fact]
    public async Task BeginAsync_TwoRacingClaims_OnlyOneWins()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var claims = await Task.WhenAll(sut.BeginAsync(Key()), sut.BeginAsync(Key()));

        // Assert
        Assert.Single(claims, c => c.Decision == LedgerDecision.Claimed);
        Assert.Single(claims, c => c.Decision == LedgerDecision.ClaimedElsewhere);
    }

    [Fact]
    public async Task BeginAsync_AfterSuccess_ReturnsExistingTargetWithoutClaim()
    {
        // Arrange
        var sut = CreateSut();
        var first = await sut.BeginAsync(Key());
        await sut.CompleteAsync(first, "INV-1");

        // Act
        var second = await sut.BeginAsync(Key());

        // Assert
        Assert.Equal(LedgerDecision.AlreadyCompleted, second.Decision);
        Assert.Equal("INV-1", second.TargetId);
    }

    [Fact]
    public async Task BeginAsync_AfterFailure_ClaimsAgainAndCountsAttempts()
    {
        // Arrange
        var sut = CreateSut();
        var first = await sut.BeginAsync(Key());
        await sut.FailAsync(first, "SKU WIDGET-9 has no QBO item mapping");

        // Act
        var second = await sut.BeginAsync(Key());

        // Assert
        Assert.Equal(LedgerDecision.Claimed, second.Decision);
        Assert.Equal(2, second.Attempt);
        var entry = await sut.GetAsync(Key());
        Assert.Equal(LedgerStatus.InProgress, entry!.Status);
        Assert.Equal(2, entry.Attempts);
        Assert.Equal("SKU WIDGET-9 has no QBO item mapping", entry.LastError);
    }

    [Fact]
    public async Task BeginAsync_AbandonedClaim_IsTakenOverAfterTimeoutAndOldClaimCannotFinish()
    {
        // Arrange: a run claims and then "crashes".
        var sut = CreateSut();
        var crashed = await sut.BeginAsync(Key());

        // Act
        var tooEarly = await sut.BeginAsync(Key());
        _time.Advance(TableIdempotencyLedger.ClaimTimeout + TimeSpan.FromSeconds(1));
        var takeover = await sut.BeginAsync(Key());

        // Assert
        Assert.Equal(LedgerDecision.ClaimedElsewhere, tooEarly.Decision);
        Assert.Equal(LedgerDecision.Claimed, takeover.Decision);
        var lost = await Assert.ThrowsAsync<ConnectorException>(() => sut.CompleteAsync(crashed, "INV-DUP"));
        Assert.Equal(ErrorKind.Conflict, lost.Kind);
    }

    [Fact]
    public async Task ExecuteOnceAsync_TargetAlreadyHasRecord_AdoptsItWithoutCreating()
    {
        // Arrange: a crashed run created the invoice but never recorded it.
        var sut = CreateSut();
        var created = false;

        // Act
        var result = await sut.ExecuteOnceAsync(
            Key(),
            _ => Task.FromResult<string?>("INV-FOUND"),
            _ =>
            {
                created = true;
                return Task.FromResult("INV-NEW");
            });

        // Assert
        Assert.False(created);
        Assert.Equal(new IdempotentWriteResult("INV-FOUND", Created: false), result);
    }

    [Fact]
    public async Task ExecuteOnceAsync_CreateThrows_MarksFailedAndRethrows()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => sut.ExecuteOnceAsync(
            Key(),
            _ => Task.FromResult<string?>(null),
            _ => throw new ConnectorValidationException("qbo", "Customer ref invalid", "CustomerRef")));

        // Assert
        Assert.Equal("CustomerRef", ex.Field);
        var entry = await sut.GetAsync(Key());
        Assert.Equal(LedgerStatus.Failed, entry!.Status);
    }

    [Fact]
    public void PartitionKeyFor_SpreadsOneConnectionAndSeparatesConnections()
    {
        // Act
        var acmeKeys = Enumerable.Range(0, 200).Select(i => TableIdempotencyLedger.PartitionKeyFor(Key(i.ToString(CultureInfo.InvariantCulture)))).ToHashSet();
        var other = TableIdempotencyLedger.PartitionKeyFor(Key("1", "globex"));

        // Assert
        Assert.Equal(TableIdempotencyLedger.PartitionBuckets, acmeKeys.Count);
        Assert.All(acmeKeys, k => Assert.StartsWith("acme|shipstation|", k, StringComparison.Ordinal));
        Assert.DoesNotContain(other, acmeKeys);
    }
}
