using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Builds the worker's services and middleware pipeline (Worker.Core 2.52.0).</summary>
public interface IFunctionsWorkerApplicationBuilder
{
    IServiceCollection Services { get; }

    IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware);
}
