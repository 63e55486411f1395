namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of every binding attribute (Worker.Extensions.Abstractions 1.3.0).</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class BindingAttribute : Attribute
{
}
