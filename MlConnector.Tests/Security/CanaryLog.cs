using Microsoft.Extensions.Logging;

namespace MlConnector.Tests.Security;

internal static partial class CanaryLog
{
    [LoggerMessage(EventId = 9901, EventName = "CanaryVendorRefused", Level = LogLevel.Error, Message = "Vendor refused order {OrderNumber}")]
    public static partial void VendorRefused(ILogger logger, Exception exception, string orderNumber);
}
