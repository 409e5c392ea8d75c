// The plan and the function app: Linux, Flex Consumption (FC1, dotnet-isolated 10.0, the package from the storage
// account's deployment container) or Elastic Premium (EP1, run from package); HTTPS only; a system-assigned identity.
param appName string
param location string

@allowed(['FlexConsumption', 'ElasticPremium'])
param hostingPlan string

param maximumInstanceCount int
param deploymentContainerUrl string

var isFlex = hostingPlan == 'FlexConsumption'

var flexConfig = {
  deployment: {
    storage: {
      type: 'blobContainer'
      value: deploymentContainerUrl
      authentication: { type: 'SystemAssignedIdentity' }
    }
  }
  scaleAndConcurrency: {
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: 2048
  }
  runtime: { name: 'dotnet-isolated', version: '10.0' }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${appName}-plan'
  location: location
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: isFlex ? flexConfig : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
