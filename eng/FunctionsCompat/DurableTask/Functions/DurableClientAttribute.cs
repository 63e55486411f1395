using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Binds a <c>DurableTaskClient</c> (Worker.Extensions.DurableTask 1.16.5; sealed, an input binding).</summary>
public sealed class DurableClientAttribute : InputBindingAttribute
{
    public string? TaskHub { get; set; }

    public string? ConnectionName { get; set; }
}
