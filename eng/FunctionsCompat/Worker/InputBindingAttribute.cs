namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of input binding attributes (Worker.Extensions.Abstractions 1.3.0).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class InputBindingAttribute : BindingAttribute
{
}
