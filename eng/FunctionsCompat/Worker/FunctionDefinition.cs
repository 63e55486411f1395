namespace Microsoft.Azure.Functions.Worker;

/// <summary>Metadata of a function (Worker.Core 2.52.0); the binding collections are not declared.</summary>
public abstract class FunctionDefinition
{
    public abstract string PathToAssembly { get; }

    public abstract string EntryPoint { get; }

    public abstract string Id { get; }

    public abstract string Name { get; }
}
