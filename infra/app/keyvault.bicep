// Key Vault with RBAC authorization (no access policies). ISecretStore keeps every connection's client secrets,
// API keys, refresh tokens and carrier account numbers here; the Functions platform resolves app settings written as
// @Microsoft.KeyVault(SecretUri=...) references from it with the app's identity.
@description('Key Vault name: 3 to 24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object

@description('Application Insights component whose connection string is stored as a secret.')
param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// The connection string carries the ingestion key, so the app reads it through a Key Vault reference.
resource applicationInsightsConnectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ApplicationInsightsConnectionString'
  properties: {
    value: applicationInsights.properties.ConnectionString
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
@description('Version-less secret URI, so a rotated value is picked up without redeploying.')
output applicationInsightsConnectionStringReference string = applicationInsightsConnectionString.properties.secretUri
