namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// A FreshBooks accounting <em>client</em> (the merchant's customer; <c>/users/clients/{id}</c>,
/// python-sdk-fixtures/get_client_response.json). Named Customer here so it is not mistaken for an HTTP client.
/// </summary>
/// <param name="Id">The client id (<c>id</c>, the invoice's <c>customerid</c>).</param>
/// <param name="Organization">The organization, or empty.</param>
/// <param name="FirstName">The contact's first name.</param>
/// <param name="LastName">The contact's last name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Phone">The business phone, else the mobile phone, else empty.</param>
/// <param name="CurrencyCode">The client's ISO 4217 currency.</param>
/// <param name="BillingAddress">The primary (<c>p_*</c>) address.</param>
/// <param name="ShippingAddress">The shipping (<c>s_*</c>) address, or <see langword="null"/> when FreshBooks holds none.</param>
public sealed record FreshBooksCustomer(
    long Id,
    string Organization,
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string CurrencyCode,
    FreshBooksAddress BillingAddress,
    FreshBooksAddress? ShippingAddress);
