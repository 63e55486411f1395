// ml-connector on Azure: a Flex Consumption Function App (isolated worker, .NET 10, Durable Functions) with a
// user-assigned managed identity, a Storage account (Durable task hub, ml-connector's tables and blobs, the
// deployment package), Key Vault with RBAC authorization, and Application Insights on Log Analytics.
// Deploy with `azd up` (azure.yaml at the repository root).
//
// Plain resource declarations rather than Azure Verified Modules (br/public:avm/...): the public module registry is
// unreachable where this repository is built, and `bicep build` / `bicep lint` must pass there with no warnings.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. Flex Consumption is available in a subset of regions.')
param location string

@description('Object id of the user running azd, granted secret and data access for operations. Empty to skip.')
param principalId string = ''

@description('Durable Functions task hub name: letters and digits, 3 to 45 characters, starting with a letter.')
@minLength(3)
@maxLength(45)
param durableTaskHubName string = 'mlconnector'

@description('Client id of the Intuit (QuickBooks Online) app (azd env set QBO_CLIENT_ID ...); its secret goes to Key Vault as qbo-client-secret.')
param qboClientId string = ''

@description('Client id of the UPS developer app (azd env set UPS_CLIENT_ID ...); its secret goes to Key Vault as ups-client-secret.')
param upsClientId string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: deploymentContainerName
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsConnectionStringReference: keyVault.outputs.applicationInsightsConnectionStringReference
    durableTaskHubName: durableTaskHubName
    qboClientId: qboClientId
    upsClientId: upsClientId
  }
  // The app's first start needs its storage, Key Vault and telemetry roles in place.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URI string = api.outputs.uri
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
