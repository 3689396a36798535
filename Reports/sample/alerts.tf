# Proposed New Relic alert conditions, written by logtriage from the week's backtest.
# Each team's conditions go in its own policy, and each tier of its issues to the
# destinations routing: names (see report.md and routing.csv). Fill in the variables with
# the ids of notification destinations created in New Relic; no secret is written here.
# Each condition resource replaces or adds the condition named in its description (see alerts.csv).

terraform {
  required_providers {
    newrelic = {
      source = "newrelic/newrelic"
    }
  }
}

# client-services: its policy, its destinations and one workflow per tier.
resource "newrelic_alert_policy" "client_services" {
  name                = "client-services"
  incident_preference = "PER_CONDITION_AND_TARGET"
}

variable "client_services_paging_destination_id" {
  description = "Id of the New Relic notification destination (PagerDuty) that pages client-services: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "client_services_chat_destination_id" {
  description = "Id of the New Relic notification destination (Slack) that tells client-services: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "client_services_slack_channel_id" {
  description = "Slack channel id of client-services's alerts channel."
  type        = string
}

resource "newrelic_notification_channel" "client_services_critical_paging" {
  name           = "client-services critical (PagerDuty)"
  type           = "PAGERDUTY_SERVICE_INTEGRATION"
  destination_id = var.client_services_paging_destination_id
  product        = "IINT"

  property {
    key   = "summary"
    value = "{{ annotations.title.[0] }}"
  }
}

resource "newrelic_workflow" "client_services_critical" {
  name                  = "client-services critical"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "client-services critical issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.client_services.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["CRITICAL"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.client_services_critical_paging.id
  }
}

resource "newrelic_notification_channel" "client_services_warning_chat" {
  name           = "client-services warning (Slack)"
  type           = "SLACK"
  destination_id = var.client_services_chat_destination_id
  product        = "IINT"

  property {
    key   = "channelId"
    value = var.client_services_slack_channel_id
  }
}

resource "newrelic_workflow" "client_services_warning" {
  name                  = "client-services warning"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "client-services warning issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.client_services.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["HIGH"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.client_services_warning_chat.id
  }
}

# data-export: its policy, its destinations and one workflow per tier.
resource "newrelic_alert_policy" "data_export" {
  name                = "data-export"
  incident_preference = "PER_CONDITION_AND_TARGET"
}

variable "data_export_paging_destination_id" {
  description = "Id of the New Relic notification destination (PagerDuty) that pages data-export: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "data_export_chat_destination_id" {
  description = "Id of the New Relic notification destination (Slack) that tells data-export: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "data_export_slack_channel_id" {
  description = "Slack channel id of data-export's alerts channel."
  type        = string
}

resource "newrelic_notification_channel" "data_export_critical_paging" {
  name           = "data-export critical (PagerDuty)"
  type           = "PAGERDUTY_SERVICE_INTEGRATION"
  destination_id = var.data_export_paging_destination_id
  product        = "IINT"

  property {
    key   = "summary"
    value = "{{ annotations.title.[0] }}"
  }
}

resource "newrelic_workflow" "data_export_critical" {
  name                  = "data-export critical"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "data-export critical issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.data_export.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["CRITICAL"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.data_export_critical_paging.id
  }
}

resource "newrelic_notification_channel" "data_export_warning_chat" {
  name           = "data-export warning (Slack)"
  type           = "SLACK"
  destination_id = var.data_export_chat_destination_id
  product        = "IINT"

  property {
    key   = "channelId"
    value = var.data_export_slack_channel_id
  }
}

resource "newrelic_workflow" "data_export_warning" {
  name                  = "data-export warning"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "data-export warning issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.data_export.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["HIGH"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.data_export_warning_chat.id
  }
}

# integration: its policy, its destinations and one workflow per tier.
resource "newrelic_alert_policy" "integration" {
  name                = "integration"
  incident_preference = "PER_CONDITION_AND_TARGET"
}

variable "integration_paging_destination_id" {
  description = "Id of the New Relic notification destination (PagerDuty) that pages integration: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "integration_chat_destination_id" {
  description = "Id of the New Relic notification destination (Slack) that tells integration: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "integration_slack_channel_id" {
  description = "Slack channel id of integration's alerts channel."
  type        = string
}

resource "newrelic_notification_channel" "integration_critical_paging" {
  name           = "integration critical (PagerDuty)"
  type           = "PAGERDUTY_SERVICE_INTEGRATION"
  destination_id = var.integration_paging_destination_id
  product        = "IINT"

  property {
    key   = "summary"
    value = "{{ annotations.title.[0] }}"
  }
}

resource "newrelic_workflow" "integration_critical" {
  name                  = "integration critical"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "integration critical issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.integration.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["CRITICAL"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.integration_critical_paging.id
  }
}

resource "newrelic_notification_channel" "integration_warning_chat" {
  name           = "integration warning (Slack)"
  type           = "SLACK"
  destination_id = var.integration_chat_destination_id
  product        = "IINT"

  property {
    key   = "channelId"
    value = var.integration_slack_channel_id
  }
}

resource "newrelic_workflow" "integration_warning" {
  name                  = "integration warning"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "integration warning issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.integration.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["HIGH"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.integration_warning_chat.id
  }
}

# sre: its policy, its destinations and one workflow per tier.
resource "newrelic_alert_policy" "sre" {
  name                = "sre"
  incident_preference = "PER_CONDITION_AND_TARGET"
}

variable "sre_paging_destination_id" {
  description = "Id of the New Relic notification destination (PagerDuty) that pages sre: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "sre_chat_destination_id" {
  description = "Id of the New Relic notification destination (Slack) that tells sre: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "sre_slack_channel_id" {
  description = "Slack channel id of sre's alerts channel."
  type        = string
}

resource "newrelic_notification_channel" "sre_critical_paging" {
  name           = "sre critical (PagerDuty)"
  type           = "PAGERDUTY_SERVICE_INTEGRATION"
  destination_id = var.sre_paging_destination_id
  product        = "IINT"

  property {
    key   = "summary"
    value = "{{ annotations.title.[0] }}"
  }
}

resource "newrelic_workflow" "sre_critical" {
  name                  = "sre critical"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "sre critical issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.sre.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["CRITICAL"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.sre_critical_paging.id
  }
}

resource "newrelic_notification_channel" "sre_warning_chat" {
  name           = "sre warning (Slack)"
  type           = "SLACK"
  destination_id = var.sre_chat_destination_id
  product        = "IINT"

  property {
    key   = "channelId"
    value = var.sre_slack_channel_id
  }
}

resource "newrelic_workflow" "sre_warning" {
  name                  = "sre warning"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "sre warning issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.sre.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["HIGH"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.sre_warning_chat.id
  }
}

# sync: its policy, its destinations and one workflow per tier.
resource "newrelic_alert_policy" "sync" {
  name                = "sync"
  incident_preference = "PER_CONDITION_AND_TARGET"
}

variable "sync_paging_destination_id" {
  description = "Id of the New Relic notification destination (PagerDuty) that pages sync: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "sync_chat_destination_id" {
  description = "Id of the New Relic notification destination (Slack) that tells sync: create it in New Relic with its credentials, then give its id here."
  type        = string
}

variable "sync_slack_channel_id" {
  description = "Slack channel id of sync's alerts channel."
  type        = string
}

resource "newrelic_notification_channel" "sync_critical_paging" {
  name           = "sync critical (PagerDuty)"
  type           = "PAGERDUTY_SERVICE_INTEGRATION"
  destination_id = var.sync_paging_destination_id
  product        = "IINT"

  property {
    key   = "summary"
    value = "{{ annotations.title.[0] }}"
  }
}

resource "newrelic_workflow" "sync_critical" {
  name                  = "sync critical"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "sync critical issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.sync.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["CRITICAL"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.sync_critical_paging.id
  }
}

resource "newrelic_notification_channel" "sync_warning_chat" {
  name           = "sync warning (Slack)"
  type           = "SLACK"
  destination_id = var.sync_chat_destination_id
  product        = "IINT"

  property {
    key   = "channelId"
    value = var.sync_slack_channel_id
  }
}

resource "newrelic_workflow" "sync_warning" {
  name                  = "sync warning"
  muting_rules_handling = "NOTIFY_ALL_ISSUES"

  issues_filter {
    name = "sync warning issues"
    type = "FILTER"

    predicate {
      attribute = "labels.policyIds"
      operator  = "EXACTLY_MATCHES"
      values    = [newrelic_alert_policy.sync.id]
    }

    predicate {
      attribute = "priority"
      operator  = "EQUAL"
      values    = ["HIGH"]
    }
  }

  destination {
    channel_id = newrelic_notification_channel.sync_warning_chat.id
  }
}

resource "newrelic_nrql_alert_condition" "gateway_errors_critical_per_billerid" {
  policy_id                    = newrelic_alert_policy.client_services.id
  type                         = "static"
  name                         = "gateway errors (critical per billerId)"
  description                  = "split (replaces gateway errors); route to client-services"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 3600
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  slide_by                     = 300
  fill_option                  = "static"
  fill_value                   = 0

  nrql {
    query = "SELECT filter(count(*), WHERE error.class IN ('java.net.UnknownHostException', 'javax.net.ssl.SSLHandshakeException', 'org.springframework.web.client.HttpClientErrorException$Unauthorized')) FROM Log WHERE entity.name = 'rtd-gateway' AND NOT (billerId = 'B009' AND timestamp >= 1794554700000) FACET billerId"
  }

  critical {
    operator              = "above"
    threshold             = 0
    threshold_duration    = 3600
    threshold_occurrences = "at_least_once"
  }
}

resource "newrelic_nrql_alert_condition" "gateway_errors_warning" {
  policy_id                    = newrelic_alert_policy.sre.id
  type                         = "static"
  name                         = "gateway errors (warning)"
  description                  = "split (replaces gateway errors); route to sre"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 600
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "none"

  nrql {
    query = "SELECT percentage(count(*), WHERE error.class IN ('java.net.SocketTimeoutException', 'org.springframework.web.client.HttpServerErrorException$BadGateway', 'org.springframework.web.client.HttpServerErrorException$GatewayTimeout', 'org.springframework.web.client.HttpServerErrorException$ServiceUnavailable', 'org.springframework.web.client.ResourceAccessException')) FROM Log WHERE entity.name = 'rtd-gateway'"
  }

  warning {
    operator              = "above"
    threshold             = 20
    threshold_duration    = 600
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "pump_errors_critical" {
  policy_id                    = newrelic_alert_policy.sre.id
  type                         = "static"
  name                         = "pump errors (critical)"
  description                  = "split (replaces pump errors); route to sre"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 300
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "static"
  fill_value                   = 0

  nrql {
    query = "SELECT filter(count(*), WHERE error.class IN ('java.lang.OutOfMemoryError', 'java.sql.SQLTransientConnectionException')) FROM Log WHERE (entity.name = 'pump-worker' OR service.name = 'pump-worker') AND staleInvoice IS NULL"
  }

  critical {
    operator              = "above"
    threshold             = 0
    threshold_duration    = 300
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "pump_errors_warning_for_integration" {
  policy_id                    = newrelic_alert_policy.integration.id
  type                         = "static"
  name                         = "pump errors (warning for integration)"
  description                  = "split (replaces pump errors); route to integration"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 300
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "static"
  fill_value                   = 0

  nrql {
    query = "SELECT filter(count(*), WHERE error.class IN ('com.acme.pump.InvoiceStateException')) FROM Log WHERE (entity.name = 'pump-worker' OR service.name = 'pump-worker') AND staleInvoice IS NULL"
  }

  warning {
    operator              = "above"
    threshold             = 2
    threshold_duration    = 900
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "pump_errors_warning_for_sre" {
  policy_id                    = newrelic_alert_policy.sre.id
  type                         = "static"
  name                         = "pump errors (warning for sre)"
  description                  = "split (replaces pump errors); route to sre"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 3600
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "none"

  nrql {
    query = "SELECT percentage(count(*), WHERE error.class IN ('org.springframework.web.client.ResourceAccessException')) FROM Log WHERE (entity.name = 'pump-worker' OR service.name = 'pump-worker') AND staleInvoice IS NULL"
  }

  warning {
    operator              = "above"
    threshold             = 10
    threshold_duration    = 3600
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "gateway_latency" {
  policy_id                    = newrelic_alert_policy.sre.id
  type                         = "static"
  name                         = "gateway latency"
  description                  = "change (replaces gateway latency); route to sre"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 300
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "none"

  nrql {
    query = "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"
  }

  warning {
    operator              = "above"
    threshold             = 1200
    threshold_duration    = 600
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "export_dead_letters" {
  policy_id                    = newrelic_alert_policy.data_export.id
  type                         = "static"
  name                         = "export dead letters"
  description                  = "change (replaces export dead letters); route to data-export"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 600
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "static"
  fill_value                   = 0

  nrql {
    query = "SELECT filter(count(*), WHERE error.class IN ('java.net.ConnectException', 'org.springframework.web.client.HttpServerErrorException$ServiceUnavailable')) FROM Log WHERE entity.name = 'export-consumer'"
  }

  warning {
    operator              = "above"
    threshold             = 2
    threshold_duration    = 1200
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "autopay_runner_warning_failures" {
  policy_id                    = newrelic_alert_policy.integration.id
  type                         = "static"
  name                         = "autopay-runner warning failures"
  description                  = "add; route to integration"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 300
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "none"

  nrql {
    query = "SELECT percentage(count(*), WHERE error.class IN ('com.acme.autopay.ValidationException')) FROM Log WHERE entity.name = 'autopay-runner'"
  }

  warning {
    operator              = "above"
    threshold             = 10
    threshold_duration    = 300
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "sync_consumer_critical_failures" {
  policy_id                    = newrelic_alert_policy.sync.id
  type                         = "static"
  name                         = "sync-consumer critical failures"
  description                  = "add; route to sync"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 3600
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  slide_by                     = 300
  fill_option                  = "static"
  fill_value                   = 0

  nrql {
    query = "SELECT filter(count(*), WHERE error.class IN ('com.fasterxml.jackson.databind.exc.InvalidTypeIdException')) FROM Log WHERE entity.name = 'sync-consumer'"
  }

  critical {
    operator              = "above"
    threshold             = 0
    threshold_duration    = 3600
    threshold_occurrences = "at_least_once"
  }
}
