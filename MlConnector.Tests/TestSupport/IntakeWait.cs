using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.TestSupport;

/// <summary>Waits for a host's webhook intake, which dispatches recorded deliveries off the request path.</summary>
internal static class IntakeWait
{
    /// <summary>Waits until the intake has dispatched everything it recorded (no delivery pending); gives up after a minute.</summary>
    /// <param name="services">The host's services.</param>
    public static async Task UntilDispatchedAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var intake = services.GetRequiredService<WebhookIntake>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((await intake.CountAsync(timeout.Token)).Pending > 0)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
