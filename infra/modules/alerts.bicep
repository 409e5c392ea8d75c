// What tells an operator before subscribers notice (docs/operations.md says what each alert means and what to do):
// an availability test on /api/health with an alert when it fails from two places, and four log alerts on the
// metrics the worker sends (Ingest's meter, in the workspace's AppMetrics table):
// freshness unhealthy, a poisoned message, mails failing, and no hits for a day.
param appName string
param location string
param hostName string
param insightsName string
param workspaceName string

@description('Where the alerts send mail; empty for alerts that only show in the Azure portal.')
param alertEmail string

@description('Mails deferred or refused within an hour that make an alert (a sign the SMTP server refuses Ingest).')
param mailFailuresPerHour int = 3

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${appName}-operators'
  location: 'global'
  properties: {
    groupShortName: 'ingest'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = empty(alertEmail) ? [] : [operators.id]

resource health 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${appName}-health'
  location: location
  tags: { 'hidden-link:${insights.id}': 'Resource' }
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${appName}-health'
    Name: '${appName} /api/health'
    Description: 'The worker answers: 200 alive; 503 busy when it turns readers away.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-gb-db3-azr' }
      { Id: 'emea-fr-pra-edge' }
    ]
    Request: {
      RequestUrl: 'https://${hostName}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthFailing 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${appName}-health-failing'
  location: 'global'
  tags: {
    'hidden-link:${insights.id}': 'Resource'
    'hidden-link:${health.id}': 'Resource'
  }
  properties: {
    description: 'The /api/health availability test failed from two or more locations: the app is down, not started or busy.'
    severity: 1
    enabled: true
    scopes: [health.id, insights.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: health.id
      componentId: insights.id
      failedLocationCount: 2
    }
    actions: [for group in actionGroups: { actionGroupId: group }]
  }
}

// Each log alert fires on one evaluation over its threshold and resolves itself when the metric is back.
var once = { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }

resource freshnessUnhealthy 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${appName}-freshness-unhealthy'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Ingest: freshness unhealthy'
    description: 'The freshness verdict of /api/status (ingest.freshness, reported every five minutes) was unhealthy: feeds are not polled or nothing new was stored for too long.'
    severity: 1
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "ingest.freshness" | summarize verdict = max(Max)'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'verdict'
          operator: 'GreaterThanOrEqual'
          threshold: 2
          failingPeriods: once
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}

resource poisonedMessages 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${appName}-poisoned-messages'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Ingest: poisoned messages'
    description: 'A poison queue holds messages (ingest.queue.poison): work failed five times and waits for an operator (ingest poison list/retry).'
    severity: 2
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "ingest.queue.poison" | summarize depth = max(Max)'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'depth'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: once
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}

resource mailFailing 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${appName}-mail-failing'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Ingest: mails failing'
    description: 'Mails were deferred or refused by the SMTP server (ingest.mails by outcome) ${mailFailuresPerHour} or more times within an hour.'
    severity: 2
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "ingest.mails" and tostring(Properties["ingest.outcome"]) in ("deferred", "refused") | summarize failures = sum(Sum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          operator: 'GreaterThanOrEqual'
          threshold: mailFailuresPerHour
          failingPeriods: once
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}

resource noHits 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${appName}-no-hits'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Ingest: no hits for a day'
    description: 'No new article matched any topic (ingest.hits) in 24 hours: feeds may have moved or changed, or the topic model no longer matches what they publish.'
    severity: 2
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          // The printed zero keeps one row when no hit was recorded at all, so the rule sees a day of none.
          query: 'union (print hits = 0.0), (AppMetrics | where Name == "ingest.hits" | summarize hits = sum(Sum)) | summarize hits = sum(hits)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'hits'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: once
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}
