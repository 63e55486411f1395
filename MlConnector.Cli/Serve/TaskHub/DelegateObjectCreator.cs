using DurableTask.Core;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>Registers an orchestration or activity with the Durable Task Framework under a name, built by a factory per use.</summary>
/// <typeparam name="T">The framework type (<see cref="TaskOrchestration"/> or <see cref="TaskActivity"/>).</typeparam>
internal sealed class DelegateObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public DelegateObjectCreator(string name, Func<T> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
