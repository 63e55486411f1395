using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Hosting;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions;
using MlConnector.Functions.Http;
using MlConnector.Functions.Middleware;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Functions.Configuration;
using MlConnector.Tests.Infra;
using Moq;

namespace MlConnector.Tests.Functions;

/// <summary>
/// What the real worker does at start-up and cannot be run here: bind local.settings.sample.json, register Core as
/// Program.cs does, and activate every function class from DI. Also the naming rules every deployed function keeps.
/// </summary>
public class FunctionsCompositionTests
{
    private static readonly Assembly FunctionsAssembly = typeof(HealthHttp).Assembly;
    private static readonly string[] KindSuffixes = ["Webhook", "Timer", "Orchestrator", "Activity", "Http", "Dispatch"];

    [Fact]
    public void FunctionClasses_WithSampleSettingsAndCoreRegistrations_AllActivate()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleSettings()).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddMlConnectorCore(configuration);

        // Until ShipStationClient and QuickBooksOnlineClient are in Core, the integration and its vendor clients are
        // registered here; the lead then moves AddShipStationQboIntegration into AddMlConnectorCore.
        services.AddShipStationQboIntegration();
        services.TryAddSingleton(Mock.Of<IShipStationClient>());
        services.TryAddSingleton(Mock.Of<IQuickBooksOnlineClient>());
        services.AddMlConnectorFunctions();
        services.AddSingleton<ExceptionHandlingMiddleware>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var instanceClasses = FunctionMethods().Where(m => !m.IsStatic).Select(m => m.DeclaringType!).Distinct().ToList();

        // The worker activates function classes from the invocation's scope.
        using var scope = provider.CreateScope();

        // Act: resolving the options runs their DataAnnotations validation against the sample's values.
        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var secrets = provider.GetRequiredService<IOptions<SecretStoreOptions>>().Value;
        var resilience = provider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
        var oauth = provider.GetRequiredService<IOptions<OAuthOptions>>().Value;
        var functions = instanceClasses.Select(type => ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)).ToList();
        var middleware = provider.GetRequiredService<ExceptionHandlingMiddleware>();
        var activityRunner = provider.GetRequiredService<WorkflowActivityInvoker>();

        // Assert
        Assert.Equal("UseDevelopmentStorage=true", storage.ConnectionString);
        Assert.False(secrets.UsesKeyVault, "an empty Secrets:KeyVaultUri must leave the local secret store in use");
        Assert.Equal(new ConnectorResilienceOptions().TotalTimeout, resilience.TotalTimeout);
        Assert.Equal(new OAuthOptions().HardExpiryWarningWindow, oauth.HardExpiryWarningWindow);
        Assert.Contains(functions, f => f is HealthHttp);
        Assert.Equal(instanceClasses.Count, functions.Count);
        Assert.NotNull(middleware);
        Assert.NotNull(activityRunner);
    }

    [Fact]
    public void FunctionNames_AcrossTheApp_AreUniqueAndCarryTheirKindSuffix()
    {
        // Arrange
        var methods = FunctionMethods().ToList();

        // Act
        var names = methods.Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).ToList();

        // Assert
        Assert.NotEmpty(names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Contains(KindSuffixes, suffix => name.EndsWith(suffix, StringComparison.Ordinal)));
        Assert.All(
            methods.Where(m => !m.GetCustomAttribute<FunctionAttribute>()!.Name.EndsWith("Activity", StringComparison.Ordinal)),
            m => Assert.Equal(m.DeclaringType!.Name, m.GetCustomAttribute<FunctionAttribute>()!.Name));
    }

    [Fact]
    public void CoreWorkflowsAndActivities_EachOne_HasItsDurableFunction()
    {
        // Arrange: every workflow and activity Core defines (test doubles live in the Tests assembly, not here).
        var coreTypes = typeof(IWorkflow).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract).ToList();
        var workflows = coreTypes.Where(t => typeof(IWorkflow).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        var activities = coreTypes.Where(t => typeof(IWorkflowActivity).IsAssignableFrom(t)).Select(t => t.Name).ToList();

        // Act
        var functions = FunctionMethods().ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal);

        // Assert: DurableWorkflowClient starts OrchestratorFor(workflow); DurableWorkflowContext calls activities by their Core name.
        Assert.NotEmpty(workflows);
        Assert.All(workflows, w => Assert.True(
            functions.TryGetValue(WorkflowOrchestratorNames.OrchestratorFor(w), out var m) && m.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null),
            $"{w} has no orchestrator function {WorkflowOrchestratorNames.OrchestratorFor(w)}."));
        Assert.All(activities, a => Assert.True(
            functions.TryGetValue(a, out var m) && m.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null),
            $"{a} has no activity function."));
    }

    [Fact]
    public void FunctionsMetadata_FromTheBuildOutput_ListsEveryFunctionWithItsTriggerAndDurableClient()
    {
        // Arrange: the Functions SDK writes functions.metadata next to MlConnector.Functions.dll, and the host indexes
        // only what it lists; a function missing there never runs in Azure, whatever the code says.
        var path = Path.Combine(Path.GetDirectoryName(FunctionsAssembly.Location)!, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var listed = document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, StringComparer.Ordinal);
        var methods = FunctionMethods().ToList();

        // Act
        var expected = methods.ToDictionary(
            m => m.GetCustomAttribute<FunctionAttribute>()!.Name,
            m => (EntryPoint: $"{m.DeclaringType!.FullName}.{m.Name}", Bindings: ExpectedInputBindings(m)),
            StringComparer.Ordinal);

        // Assert
        Assert.Contains(methods, m => m.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null));
        Assert.Contains(methods, m => m.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, function =>
        {
            var entry = listed[function.Key];
            Assert.Equal(function.Value.EntryPoint, entry.GetProperty("entryPoint").GetString());
            var inputs = entry.GetProperty("bindings").EnumerateArray()
                .Where(b => string.Equals(b.GetProperty("direction").GetString(), "In", StringComparison.Ordinal))
                .Select(b => b.GetProperty("type").GetString()!)
                .Order(StringComparer.Ordinal);
            Assert.Equal(function.Value.Bindings, inputs);
        });
    }

    /// <summary>The input binding types functions.metadata must list for <paramref name="method"/>, sorted.</summary>
    private static List<string> ExpectedInputBindings(MethodInfo method)
        => method.GetParameters()
            .Select(p => p.GetCustomAttributes().Select(a => a switch
            {
                HttpTriggerAttribute => "httpTrigger",
                TimerTriggerAttribute => "timerTrigger",
                QueueTriggerAttribute => "queueTrigger",
                OrchestrationTriggerAttribute => "orchestrationTrigger",
                ActivityTriggerAttribute => "activityTrigger",
                DurableClientAttribute => "durableClient",
                _ => null,
            }).SingleOrDefault(t => t is not null))
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<MethodInfo> FunctionMethods()
        => FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    private static Dictionary<string, string?> SampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => ConfigurationKeyScanner.Normalize(p.Name), p => (string?)p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
    }
}
