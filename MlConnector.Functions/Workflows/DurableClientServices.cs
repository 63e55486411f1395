using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// Resolves a Core service for one function invocation with <see cref="IWorkflowClient"/> bound to that invocation's
/// Durable client (the <c>[DurableClient] DurableTaskClient</c> binding). This is the one way a function reaches Core
/// code that starts or queries workflows:
/// <code>
/// var api = services.Resolve&lt;WorkflowsApi&gt;(durableClient);
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// Durable hands out its client per invocation (the binding carries the task hub and connection), while Core
/// registers its handlers as singletons over <see cref="IWorkflowClient"/>. So for the requested type, and for every
/// concrete class in its constructor graph that needs <see cref="IWorkflowClient"/> directly or through another such
/// class (the reconcile job → reconciler → dispatcher → client), a new instance is built for this invocation with
/// <see cref="ActivatorUtilities"/>; everything else (stores, audit, vendor clients, loggers) comes from the
/// invocation's own service scope. Each such class is built once per call to <see cref="Resolve{T}"/>.
/// </para>
/// <para>
/// Ask for the concrete Core class (<c>ShipStationQboReconcileJob</c>), not an interface: the container alone
/// knows which class implements an interface, and its singleton holds the process-wide client, which the Functions
/// app replaces with a <c>NoWorkflowEngineClient</c> naming this class. The classes rebuilt this way must own no resources (they
/// are not disposed); one that implements <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/> is refused.
/// </para>
/// <para>
/// Why not one process-wide <see cref="IWorkflowClient"/> that resolves Durable's client lazily (issue #11, item 6;
/// checked against <c>Microsoft.Azure.Functions.Worker.Extensions.DurableTask</c> 1.22.0, the assembly's metadata, and
/// <c>src/Worker.Extensions.DurableTask</c> in Azure/azure-functions-durable-extension): the extension puts no
/// <see cref="DurableTaskClient"/> into the worker's container. <c>DurableTaskExtensionStartup</c> registers only the
/// internal <c>FunctionsDurableClientProvider</c>, the client and worker options, the shim factory, the orchestration
/// input converter and its middleware (the assembly references no <c>AddDurableTaskClient</c>). The provider is
/// internal, and its <c>GetClient(endpoint, taskHub, connectionName, …)</c> needs the host's gRPC endpoint
/// (<c>rpcBaseUrl</c>), which the host hands the worker only in a <c>[DurableClient]</c> binding's payload, read by the
/// internal <c>DurableTaskClientConverter</c>. A process-wide client could therefore only be captured from some earlier
/// invocation's binding, so it would depend on which function happened to run first in the process (a cold instance
/// whose first invocation is a timer without the binding has none) and on internal types. The binding per invocation is
/// the documented way, so this class stays, and a <c>NoWorkflowEngineClient</c> naming this class makes any other way fail loudly.
/// </para>
/// </remarks>
/// <param name="services">The invocation's scoped service provider.</param>
/// <param name="clientLogger">The logger of the <see cref="DurableWorkflowClient"/> built per call.</param>
public sealed class DurableClientServices(IServiceProvider services, ILogger<DurableWorkflowClient> clientLogger)
{
    /// <summary>What the Functions app's process-wide <see cref="IWorkflowClient"/> (a <c>NoWorkflowEngineClient</c>) says when used.</summary>
    public const string UnboundClientMessage =
        "In the Functions app, workflows are started and queried through the invocation's Durable client: take a " +
        "[DurableClient] DurableTaskClient parameter and resolve the Core service with DurableClientServices.Resolve<T>(client).";

    private static readonly ConcurrentDictionary<Type, bool> DependsOnClientCache = new();
    private static readonly Assembly CoreAssembly = typeof(IWorkflowClient).Assembly;

    /// <summary>Resolves <typeparamref name="T"/> with <see cref="IWorkflowClient"/> bound to <paramref name="durableClient"/>.</summary>
    /// <typeparam name="T">A concrete Core class (for example <c>WorkflowsApi</c>, <c>ShipStationWebhookApi</c>).</typeparam>
    /// <param name="durableClient">The invocation's Durable client.</param>
    /// <returns>A new instance when <typeparamref name="T"/> needs the workflow client; otherwise the scope's instance.</returns>
    /// <exception cref="InvalidOperationException">When <typeparamref name="T"/> or a dependency cannot be resolved, or a rebuilt class is disposable.</exception>
    public T Resolve<T>(DurableTaskClient durableClient)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(durableClient);
        var invocation = new InvocationServiceProvider(services, new DurableWorkflowClient(durableClient, clientLogger, services.GetService<ConnectionPauseGate>(), services.GetService<WorkflowAdmission>()));
        return (T)(invocation.GetService(typeof(T))
            ?? throw new InvalidOperationException($"No service of type {typeof(T)} is registered."));
    }

    /// <summary>True when building <paramref name="type"/> needs <see cref="IWorkflowClient"/>, directly or through its constructor graph.</summary>
    /// <param name="type">A service type.</param>
    /// <returns>Whether the Functions app must build it per invocation.</returns>
    internal static bool DependsOnWorkflowClient(Type type) => DependsOnWorkflowClient(type, [], implementationsOf: null);

    /// <summary>
    /// True when building <paramref name="type"/> needs <see cref="IWorkflowClient"/>, looking also through
    /// <c>IEnumerable&lt;T&gt;</c> constructor parameters at the implementations registered for <c>T</c> (the QBO webhook
    /// endpoint takes every <c>IQboChangeHandler</c>, and each handler starts workflows).
    /// </summary>
    /// <param name="type">A service type.</param>
    /// <param name="implementationsOf">The concrete types the container holds for a service type.</param>
    /// <returns>Whether the Functions app must build it per invocation.</returns>
    internal static bool DependsOnWorkflowClient(Type type, Func<Type, IEnumerable<Type>> implementationsOf) =>
        DependsOnWorkflowClient(type, [], implementationsOf);

    private static bool DependsOnWorkflowClient(Type type, HashSet<Type> visiting, Func<Type, IEnumerable<Type>>? implementationsOf)
    {
        if (type == typeof(IWorkflowClient))
        {
            return true;
        }

        if (implementationsOf is not null && IsEnumerable(type, out var element))
        {
            return implementationsOf(element).Any(t => DependsOnWorkflowClient(t, visiting, implementationsOf));
        }

        if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters || !MayReferenceCore(type.Assembly))
        {
            return false;
        }

        // The static cache holds answers that do not depend on the container's registrations.
        if (implementationsOf is null && DependsOnClientCache.TryGetValue(type, out var cached))
        {
            return cached;
        }

        if (!visiting.Add(type))
        {
            return false;
        }

        var depends = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters())
            .Any(p => DependsOnWorkflowClient(p.ParameterType, visiting, implementationsOf));
        visiting.Remove(type);
        return implementationsOf is null ? DependsOnClientCache.GetOrAdd(type, depends) : depends;
    }

    private static bool IsEnumerable(Type type, out Type element)
    {
        element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type.GetGenericArguments()[0] : typeof(void);
        return element != typeof(void) && !element.IsValueType;
    }

    private static bool MayReferenceCore(Assembly assembly)
        => assembly == CoreAssembly
           || assembly.GetReferencedAssemblies().Any(a => string.Equals(a.Name, CoreAssembly.GetName().Name, StringComparison.Ordinal));

    /// <summary>The invocation's view of the container: the Durable <see cref="IWorkflowClient"/> and the classes built over it.</summary>
    private sealed class InvocationServiceProvider(IServiceProvider inner, IWorkflowClient workflowClient) : IServiceProvider
    {
        private readonly Dictionary<Type, object> _built = [];
        private readonly Dictionary<Type, bool> _depends = [];

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IWorkflowClient))
            {
                return workflowClient;
            }

            if (IsEnumerable(serviceType, out var element))
            {
                return ResolveAll(serviceType, element);
            }

            if (!Depends(serviceType))
            {
                return inner.GetService(serviceType);
            }

            if (_built.TryGetValue(serviceType, out var existing))
            {
                return existing;
            }

            if (typeof(IDisposable).IsAssignableFrom(serviceType) || typeof(IAsyncDisposable).IsAssignableFrom(serviceType))
            {
                throw new InvalidOperationException($"{serviceType} needs the workflow client and is disposable; the Functions app builds such classes per invocation and cannot dispose them.");
            }

            var instance = ActivatorUtilities.CreateInstance(this, serviceType);
            _built[serviceType] = instance;
            return instance;
        }

        private bool Depends(Type serviceType)
        {
            if (!_depends.TryGetValue(serviceType, out var depends))
            {
                depends = DependsOnWorkflowClient(serviceType, Implementations);
                _depends[serviceType] = depends;
            }

            return depends;
        }

        /// <summary>Every registered implementation of the element type, each one that needs the workflow client built for this invocation.</summary>
        private Array ResolveAll(Type serviceType, Type element)
        {
            var registered = ((IEnumerable<object>?)inner.GetService(serviceType) ?? []).ToList();
            var all = Array.CreateInstance(element, registered.Count);
            for (var i = 0; i < registered.Count; i++)
            {
                var type = registered[i].GetType();
                all.SetValue(Depends(type) ? GetService(type) : registered[i], i);
            }

            return all;
        }

        private IEnumerable<Type> Implementations(Type element) =>
            ((IEnumerable<object>?)inner.GetService(typeof(IEnumerable<>).MakeGenericType(element)) ?? []).Select(o => o.GetType()).Distinct();
    }
}
