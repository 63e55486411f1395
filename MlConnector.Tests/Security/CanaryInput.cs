namespace MlConnector.Tests.Security;

public sealed record CanaryInput(string ConnectionId, string OrderNumber, Uri VendorUrl);
