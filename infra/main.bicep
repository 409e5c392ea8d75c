// Ingest in one resource group: the Functions app (.NET isolated worker) with its storage account, Key Vault,
// Application Insights with an availability test and alert rules, and a system-assigned identity holding only the
// roles it needs. docs/deployment.md walks through a deployment; docs/operations.md says what each alert means.
targetScope = 'resourceGroup'

@description('The function app\'s name; its address is https://<appName>.azurewebsites.net.')
@minLength(2)
@maxLength(40)
param appName string

param location string = resourceGroup().location

@description('Linux Flex Consumption (pay per use) or Elastic Premium (EP1, always warm).')
@allowed(['FlexConsumption', 'ElasticPremium'])
param hostingPlan string = 'FlexConsumption'

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('The address subscribers\' links point at; empty for https://<appName>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('Signs confirmation, unsubscribe and preferences links (stored in Key Vault). Generate with: openssl rand -base64 48')
@minLength(32)
@secure()
param subscriptionSigningKey string

@description('The SMTP server digests and alerts leave through.')
param smtpHost string

param smtpPort int = 587

param smtpEnableSsl bool = true

param smtpUsername string = ''

@description('The SMTP password (stored in Key Vault). For a server without authentication leave smtpUsername empty and pass any placeholder: the password is only used with a username.')
@secure()
param smtpPassword string

@description('The From header of every mail, such as: Ingest <ingest@example.org>')
param smtpFrom string

@description('NCRONTAB schedule of PollFeeds.')
param pollSchedule string = '0 */10 * * * *'

@description('NCRONTAB schedule of ScheduleDigests (hourly: digests go out at each subscriber\'s local hour).')
param digestSchedule string = '0 5 * * * *'

param feedsPath string = 'seeds/feeds.json'

param topicsPath string = 'seeds/topics.json'

param fetchUserAgent string = 'Ingest/0.1 (news feed reader)'

@description('Where the alert rules send mail; empty for alerts that only show in the Azure portal.')
param alertEmail string = ''

var suffix = uniqueString(resourceGroup().id, appName)

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${suffix}'
    location: location
  }
}

module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    name: 'kv-${suffix}'
    location: location
    subscriptionSigningKey: subscriptionSigningKey
    smtpPassword: smtpPassword
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    appName: appName
    location: location
  }
}

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    appName: appName
    location: location
    hostingPlan: hostingPlan
    maximumInstanceCount: maximumInstanceCount
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: app.outputs.principalId
    storageName: storage.outputs.name
    vaultName: vault.outputs.name
    insightsName: monitoring.outputs.insightsName
  }
}

// After the roles: the app settings name Key Vault secrets, which the app can read only once it holds its role.
module settings 'modules/settings.bicep' = {
  name: 'settings'
  dependsOn: [access]
  params: {
    appName: app.outputs.name
    isFlex: hostingPlan == 'FlexConsumption'
    storageName: storage.outputs.name
    vaultName: vault.outputs.name
    insightsConnectionString: monitoring.outputs.connectionString
    publicBaseUrl: empty(publicBaseUrl) ? 'https://${app.outputs.hostName}' : publicBaseUrl
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpEnableSsl: smtpEnableSsl
    smtpUsername: smtpUsername
    smtpFrom: smtpFrom
    pollSchedule: pollSchedule
    digestSchedule: digestSchedule
    feedsPath: feedsPath
    topicsPath: topicsPath
    fetchUserAgent: fetchUserAgent
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    appName: appName
    location: location
    hostName: app.outputs.hostName
    insightsName: monitoring.outputs.insightsName
    workspaceName: monitoring.outputs.workspaceName
    alertEmail: alertEmail
  }
}

output functionAppName string = app.outputs.name
output functionAppUrl string = 'https://${app.outputs.hostName}'
output statusUrl string = 'https://${app.outputs.hostName}/api/status'
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output principalId string = app.outputs.principalId
