using MlConnector.Core.Intake;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Intake;

/// <summary>
/// The dispatcher over the intake's real parts on Azurite: a group message's deliveries are dispatched within the
/// process's bound (<see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/>), not all at once.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookDeliveryDispatcherIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DispatchAsync_GroupMessageLargerThanTheDispatchBound_NeverDispatchesMoreThanTheBoundAtOnce()
    {
        // Arrange: a group of 24 deliveries, as the group commit writes it, and a bound of 3.
        var handler = new ConcurrencyProbeHandler("bench");
        var sut = new IntakeRig(azurite, new WebhookIntakeOptions { MaxConcurrentDispatches = 3 }, handler);
        var now = TimeProvider.System.GetUtcNow();
        var group = "{\"" + WebhookIntakeGroupCommit.GroupProperty + "\":[" + string.Join(',', Enumerable.Range(0, 24).Select(i =>
            JsonSerializer.Serialize(new WebhookDelivery("d" + i, "bench", "acme", "t", now, [(byte)i], null), JsonSerializerOptions.Web))) + "]}";

        // Act
        var dispatched = await sut.Dispatcher.DispatchAsync(group);

        // Assert
        Assert.Equal(24, dispatched.Count);
        Assert.Equal(24, handler.Calls);
        Assert.InRange(handler.MaxInFlight, 1, 3);
    }

    /// <summary>A handler that counts the dispatches in flight; each yields several times before it completes.</summary>
    private sealed class ConcurrencyProbeHandler(string vendor) : IWebhookDeliveryHandler
    {
        private int _inFlight;
        private int _maxInFlight;
        private int _calls;

        public string Vendor => vendor;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public int Calls => Volatile.Read(ref _calls);

        public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _calls);
            for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
            {
                Interlocked.CompareExchange(ref _maxInFlight, now, seen);
            }

            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref _inFlight);
        }
    }
}
