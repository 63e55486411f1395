using OpenTelemetry;

namespace Microsoft.Azure.Functions.Worker.OpenTelemetry;

/// <summary>OpenTelemetry defaults for the isolated worker (Microsoft.Azure.Functions.Worker.OpenTelemetry 1.2.0).</summary>
public static class ConfigureFunctionsOpenTelemetry
{
    /// <summary>Adds the worker's resource detector and tells the host the worker emits telemetry. Compat: never run.</summary>
    /// <exception cref="NotSupportedException">Always, in the compat build.</exception>
    public static IOpenTelemetryBuilder UseFunctionsWorkerDefaults(this IOpenTelemetryBuilder builder)
        => throw new NotSupportedException("compat build: reference assembly only");
}
