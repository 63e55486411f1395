namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks a method as a function entry point (Worker.Extensions.Abstractions 1.3.0; not sealed).</summary>
[AttributeUsage(AttributeTargets.Method)]
public class FunctionAttribute : Attribute
{
    public FunctionAttribute(string name)
    {
        Name = name;
    }

    public string Name { get; }
}
