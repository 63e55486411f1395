namespace MlConnector.Core.Workflows;

/// <summary>Maps workflow and activity names (case-insensitive, as Durable's <c>TaskName</c>) to their registered types.</summary>
internal sealed class WorkflowRegistry
{
    private readonly Lazy<(Dictionary<string, Type> Workflows, Dictionary<string, Type> Activities)> _maps;

    public WorkflowRegistry(IServiceScopeFactory scopeFactory, IEnumerable<WorkflowRegistration> registrations)
    {
        var list = registrations.Distinct().ToList();
        _maps = new(() => Build(scopeFactory, list));
    }

    public IReadOnlyCollection<string> WorkflowNames => _maps.Value.Workflows.Keys;

    public IReadOnlyCollection<string> ActivityNames => _maps.Value.Activities.Keys;

    public Type? FindWorkflow(string name) => _maps.Value.Workflows.GetValueOrDefault(name);

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
