// Where telemetry goes: a Log Analytics workspace and the Application Insights resource over it. Local
// (instrumentation-key) authentication is off: the worker and the host send with the app's identity, which holds
// Monitoring Metrics Publisher (access.bicep).
param appName string
param location string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output insightsName string = insights.name
output workspaceName string = workspace.name
output connectionString string = insights.properties.ConnectionString
