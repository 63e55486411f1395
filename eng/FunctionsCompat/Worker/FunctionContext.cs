namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// The context of one function invocation (Worker.Core 2.52.0). Only the abstract members the app reads are declared;
/// tests mock it with Moq, never with a hand-written subclass (which would miss the real package's other abstract members).
/// </summary>
public abstract class FunctionContext
{
    public abstract string InvocationId { get; }

    public abstract string FunctionId { get; }

    public abstract FunctionDefinition FunctionDefinition { get; }

    public abstract IServiceProvider InstanceServices { get; set; }

    public abstract IDictionary<object, object> Items { get; set; }

    public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
}
