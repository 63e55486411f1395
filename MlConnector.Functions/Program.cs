using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlConnector.Core.Hosting;
using MlConnector.Functions;
using MlConnector.Functions.Middleware;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMlConnectorCore(builder.Configuration);
builder.Services.AddMlConnectorFunctions();
builder.UseMiddleware<ExceptionHandlingMiddleware>();
builder.UseMiddleware<OperatorAccessMiddleware>();
builder.UseMiddleware<WebhookRateLimitMiddleware>();

// The Azure SDK logs every storage request at Information and ASP.NET Core every HTTP request: under webhook load that
// is tens of thousands of entries a minute. Warnings and errors still get through (serve does the same in appsettings.json).
builder.Logging.AddFilter("Azure", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// OpenTelemetry to Application Insights, only where a connection string is configured (Azure, or a developer who
// sets one); host.json's "telemetryMode": "OpenTelemetry" makes the host emit through the same pipeline.
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
var applicationInsights = builder.Configuration[FunctionsSettings.ApplicationInsightsConnectionString];
if (!string.IsNullOrWhiteSpace(applicationInsights))
{
    telemetry.UseAzureMonitorExporter(options => options.ConnectionString = applicationInsights);
}

builder.Build().Run();
