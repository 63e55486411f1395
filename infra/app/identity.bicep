// The Function App's user-assigned managed identity: storage (host, Durable, ml-connector data), Key Vault
// (secrets and app-setting references) and Application Insights ingestion all authenticate as it.
@description('Identity name.')
param name string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
