namespace MlConnector.Functions;

/// <summary>Names of the app settings the Functions host and worker read outside options classes.</summary>
internal static class FunctionsSettings
{
    /// <summary>Application Insights connection string; OpenTelemetry export is off when it is empty.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
}
