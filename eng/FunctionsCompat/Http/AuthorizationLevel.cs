namespace Microsoft.Azure.Functions.Worker;

/// <summary>The key an HTTP trigger requires (Worker.Extensions.Http 3.3.0).</summary>
public enum AuthorizationLevel
{
    Anonymous = 0,
    User = 1,
    Function = 2,
    System = 3,
    Admin = 4,
}
