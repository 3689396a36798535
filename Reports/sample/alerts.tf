# Proposed New Relic alert conditions, written by logtriage from the week's backtest.
# Each resource replaces or adds the condition named in its description (see alerts.csv).

terraform {
  required_providers {
    newrelic = {
      source = "newrelic/newrelic"
    }
  }
}

variable "policy_id" {
  description = "Id of the New Relic alert policy the proposed conditions belong to."
  type        = number
}

resource "newrelic_nrql_alert_condition" "gateway_errors_critical_per_billerid" {
  policy_id                    = var.policy_id
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
    query = "SELECT filter(count(*), WHERE error.class IN ('java.net.UnknownHostException', 'javax.net.ssl.SSLHandshakeException', 'org.springframework.web.client.HttpClientErrorException$Unauthorized')) FROM Log WHERE entity.name = 'rtd-gateway' FACET billerId"
  }

  critical {
    operator              = "above"
    threshold             = 0
    threshold_duration    = 3600
    threshold_occurrences = "at_least_once"
  }
}

resource "newrelic_nrql_alert_condition" "gateway_errors_warning" {
  policy_id                    = var.policy_id
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
    query = "SELECT percentage(count(*), WHERE error.class IN ('java.net.SocketTimeoutException', 'org.springframework.web.client.HttpClientErrorException$TooManyRequests', 'org.springframework.web.client.HttpServerErrorException$BadGateway', 'org.springframework.web.client.HttpServerErrorException$GatewayTimeout', 'org.springframework.web.client.HttpServerErrorException$ServiceUnavailable', 'org.springframework.web.client.ResourceAccessException')) FROM Log WHERE entity.name = 'rtd-gateway'"
  }

  warning {
    operator              = "above"
    threshold             = 20
    threshold_duration    = 600
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "pump_errors_critical" {
  policy_id                    = var.policy_id
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

resource "newrelic_nrql_alert_condition" "pump_errors_warning" {
  policy_id                    = var.policy_id
  type                         = "static"
  name                         = "pump errors (warning)"
  description                  = "split (replaces pump errors); route to integration"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 300
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  fill_option                  = "static"
  fill_value                   = 0

  nrql {
    query = "SELECT filter(count(*), WHERE error.class IN ('com.acme.pump.InvoiceStateException', 'org.springframework.web.client.ResourceAccessException')) FROM Log WHERE (entity.name = 'pump-worker' OR service.name = 'pump-worker') AND staleInvoice IS NULL"
  }

  warning {
    operator              = "above"
    threshold             = 2
    threshold_duration    = 900
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "gateway_latency" {
  policy_id                    = var.policy_id
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
  policy_id                    = var.policy_id
  type                         = "static"
  name                         = "export dead letters"
  description                  = "change (replaces export dead letters); route to sre"
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
  policy_id                    = var.policy_id
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
    query = "SELECT percentage(count(*), WHERE error.class IN ('com.acme.autopay.ValidationException', 'java.net.SocketTimeoutException')) FROM Log WHERE entity.name = 'autopay-runner'"
  }

  warning {
    operator              = "above"
    threshold             = 10
    threshold_duration    = 600
    threshold_occurrences = "all"
  }
}

resource "newrelic_nrql_alert_condition" "sync_consumer_critical_failures" {
  policy_id                    = var.policy_id
  type                         = "static"
  name                         = "sync-consumer critical failures"
  description                  = "add; route to sync"
  enabled                      = true
  violation_time_limit_seconds = 86400
  aggregation_window           = 3600
  aggregation_method           = "event_timer"
  aggregation_timer            = 60
  slide_by                     = 300
  fill_option                  = "none"

  nrql {
    query = "SELECT percentage(count(*), WHERE error.class IN ('com.fasterxml.jackson.databind.exc.InvalidTypeIdException')) FROM Log WHERE entity.name = 'sync-consumer'"
  }

  critical {
    operator              = "above"
    threshold             = 5
    threshold_duration    = 3600
    threshold_occurrences = "at_least_once"
  }
}
