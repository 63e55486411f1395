namespace MlConnector.Core.Connections;

/// <summary>How a connection setting's value is checked.</summary>
public enum SettingType
{
    /// <summary>Any non-empty text up to 256 characters.</summary>
    Text = 0,

    /// <summary>Decimal digits only (QBO realmId, ShipStation storeId).</summary>
    Digits,

    /// <summary>An absolute http or https URL (base-URL overrides for sandboxes).</summary>
    Url,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>One of a fixed set of values.</summary>
    Choice,

    /// <summary>A positive decimal number with a dot as the separator, for example <c>2.5</c>.</summary>
    PositiveDecimal,
}
