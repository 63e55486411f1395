namespace Microsoft.Azure.Functions.Worker.Middleware;

/// <summary>A worker middleware (Worker.Core 2.52.0).</summary>
public interface IFunctionsWorkerMiddleware
{
    Task Invoke(FunctionContext context, FunctionExecutionDelegate next);
}
