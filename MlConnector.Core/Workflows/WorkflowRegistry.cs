namespace MlConnector.Core.Workflows;

/// <summary>
/// Maps workflow and activity names (case-insensitive, as Durable's <c>TaskName</c>) to the types registered with
/// <see cref="WorkflowServiceCollectionExtensions.AddWorkflow{TWorkflow}"/> and
/// <see cref="WorkflowServiceCollectionExtensions.AddWorkflowActivity{TActivity}"/>; a host registers each with its engine.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Lazy<(Dictionary<string, Type> Workflows, Dictionary<string, Type> Activities)> _maps;

    /// <summary>Creates the registry; the names are read on first use, from one instance of each type.</summary>
    /// <param name="scopeFactory">Resolves each registered type once to read its name.</param>
    /// <param name="registrations">The registered types.</param>
    internal WorkflowRegistry(IServiceScopeFactory scopeFactory, IEnumerable<WorkflowRegistration> registrations)
    {
        var list = registrations.Distinct().ToList();
        _maps = new(() => Build(scopeFactory, list));
    }

    /// <summary>The registered workflow names.</summary>
    /// <exception cref="InvalidOperationException">When a type has no name, or two types share one.</exception>
    public IReadOnlyCollection<string> WorkflowNames => _maps.Value.Workflows.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _maps.Value.Activities.Keys;

    /// <summary>The workflow type registered under a name.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <returns>The type, or null.</returns>
    public Type? FindWorkflow(string name) => _maps.Value.Workflows.GetValueOrDefault(name);

    /// <summary>The activity type registered under a name.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <returns>The type, or null.</returns>
    public Type? FindActivity(string name) => _maps.Value.Activities.GetValueOrDefault(name);

    private static (Dictionary<string, Type> Workflows, Dictionary<string, Type> Activities) Build(IServiceScopeFactory scopeFactory, List<WorkflowRegistration> registrations)
    {
        var workflows = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        var activities = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        using var scope = scopeFactory.CreateScope();
        foreach (var registration in registrations)
        {
            var instance = scope.ServiceProvider.GetRequiredService(registration.Type);
            var (name, map) = instance switch
            {
                IWorkflowActivity activity when registration.IsActivity => (activity.Name, activities),
                IWorkflow workflow when !registration.IsActivity => (workflow.Name, workflows),
                _ => throw new InvalidOperationException($"{registration.Type} is not an {(registration.IsActivity ? nameof(IWorkflowActivity) : nameof(IWorkflow))}."),
            };
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidOperationException($"{registration.Type} has no name.");
            }

            if (map.TryGetValue(name, out var existing) && existing != registration.Type)
            {
                throw new InvalidOperationException($"The name '{name}' is used by both {existing} and {registration.Type}.");
            }

            map[name] = registration.Type;
        }

        return (workflows, activities);
    }
}
