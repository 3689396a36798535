/// The same three conditions written in each format `--alerts` reads: a critical+warning
/// count on event timer with loss of signal, a warning-only ratio with sliding windows and a
/// static fill, and a cadence average with last-value fill.
package enum ConditionFormats {
    package static let ours = """
        - name: gateway errors
          nrql: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"
          window_s: 300
          critical: {operator: above, threshold: 5, duration_s: 600}
          warning: {operator: above_or_equals, threshold: 2, duration_s: 300, occurrences: at_least_once}
          aggregation_method: event_timer
          aggregation_timer_s: 120
          expiration_s: 1800
          close_on_expiration: true
          open_on_expiration: false
          violation_time_limit_s: 86400
        - name: pump failure ratio
          nrql: "SELECT percentage(count(*), WHERE outcome = 'failure') FROM Log WHERE entity.name = 'pump-worker' FACET billerId"
          window_s: 600
          slide_by_s: 300
          fill_option: static
          fill_value: 0
          warning: {operator: above, threshold: 20, duration_s: 1200}
        - name: gateway latency
          nrql: "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"
          window_s: 300
          type: static
          enabled: false
          fill_option: last_value
          aggregation_method: cadence
          aggregation_delay_s: 60
          critical: {operator: above, threshold: 1200, duration_s: 600}
        """

    package static let quickstart = [
        """
        name: gateway errors
        description: errors of the gateway
        type: STATIC
        nrql:
          query: "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"
        valueFunction: SINGLE_VALUE
        terms:
          - priority: CRITICAL
            operator: ABOVE
            threshold: 5
            thresholdDuration: 600
            thresholdOccurrences: ALL
          - priority: WARNING
            operator: ABOVE_OR_EQUALS
            threshold: 2
            thresholdDuration: 300
            thresholdOccurrences: AT_LEAST_ONCE
        signal:
          aggregationWindow: 300
          aggregationMethod: EVENT_TIMER
          aggregationTimer: 120
        expiration:
          expirationDuration: 1800
          closeViolationsOnExpiration: true
          openViolationOnExpiration: false
        violationTimeLimitSeconds: 86400
        """,
        """
        name: pump failure ratio
        type: STATIC
        nrql:
          query: "SELECT percentage(count(*), WHERE outcome = 'failure') FROM Log WHERE entity.name = 'pump-worker' FACET billerId"
        terms:
          - priority: WARNING
            operator: ABOVE
            threshold: 20
            thresholdDuration: 1200
            thresholdOccurrences: ALL
        signal:
          aggregationWindow: 600
          slideBy: 300
          fillOption: STATIC
          fillValue: 0
        """,
        """
        name: gateway latency
        type: STATIC
        enabled: false
        nrql:
          query: "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"
        terms:
          - priority: CRITICAL
            operator: ABOVE
            threshold: 1200
            thresholdDuration: 600
            thresholdOccurrences: ALL
        signal:
          aggregationWindow: 300
          fillOption: LAST_VALUE
          aggregationMethod: CADENCE
          aggregationDelay: 60
        """,
    ]

    package static let nerdGraph = """
        {"data": {"actor": {"account": {"alerts": {"nrqlConditionsSearch": {"nextCursor": null, "totalCount": 3,
          "nrqlConditions": [
            {"id": "101", "name": "gateway errors", "type": "STATIC", "enabled": true,
             "nrql": {"query": "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'"},
             "signal": {"aggregationWindow": 300, "aggregationMethod": "EVENT_TIMER", "aggregationTimer": 120,
                        "aggregationDelay": null, "fillOption": "NONE", "fillValue": null, "slideBy": null},
             "expiration": {"expirationDuration": 1800, "closeViolationsOnExpiration": true,
                            "openViolationOnExpiration": false},
             "terms": [
               {"priority": "CRITICAL", "operator": "ABOVE", "threshold": 5, "thresholdDuration": 600,
                "thresholdOccurrences": "ALL"},
               {"priority": "WARNING", "operator": "ABOVE_OR_EQUALS", "threshold": 2, "thresholdDuration": 300,
                "thresholdOccurrences": "AT_LEAST_ONCE"}],
             "violationTimeLimitSeconds": 86400},
            {"id": "102", "name": "pump failure ratio", "type": "STATIC", "enabled": true,
             "nrql": {"query": "SELECT percentage(count(*), WHERE outcome = 'failure') FROM Log WHERE entity.name = 'pump-worker' FACET billerId"},
             "signal": {"aggregationWindow": 600, "slideBy": 300, "fillOption": "STATIC", "fillValue": 0,
                        "aggregationMethod": "EVENT_FLOW", "aggregationDelay": null},
             "expiration": {"expirationDuration": null, "closeViolationsOnExpiration": false,
                            "openViolationOnExpiration": false},
             "terms": [{"priority": "WARNING", "operator": "ABOVE", "threshold": 20.0, "thresholdDuration": 1200,
                        "thresholdOccurrences": "ALL"}],
             "violationTimeLimitSeconds": 259200},
            {"id": "103", "name": "gateway latency", "type": "STATIC", "enabled": false,
             "nrql": {"query": "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"},
             "signal": {"aggregationWindow": 300, "fillOption": "LAST_VALUE", "aggregationMethod": "CADENCE",
                        "aggregationDelay": 60},
             "terms": [{"priority": "CRITICAL", "operator": "ABOVE", "threshold": 1200, "thresholdDuration": 600,
                        "thresholdOccurrences": "ALL"}]}
          ]}}}}}}
        """

    package static let terraformState = """
        {"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {
          "resources": [
            {"address": "newrelic_nrql_alert_condition.gateway_errors", "mode": "managed",
             "type": "newrelic_nrql_alert_condition", "name": "gateway_errors",
             "values": {"name": "gateway errors", "type": "static", "enabled": true, "policy_id": null,
               "aggregation_window": 300, "aggregation_method": "event_timer", "aggregation_timer": "120",
               "aggregation_delay": null, "fill_option": "none", "fill_value": null, "slide_by": null,
               "expiration_duration": 1800, "close_violations_on_expiration": true,
               "open_violation_on_expiration": false, "violation_time_limit_seconds": 86400,
               "nrql": [{"query": "SELECT count(*) FROM Log WHERE entity.name = 'rtd-gateway' AND level = 'ERROR'",
                         "data_account_id": null, "evaluation_offset": null}],
               "critical": [{"operator": "above", "threshold": 5, "threshold_duration": 600,
                             "threshold_occurrences": "all"}],
               "warning": [{"operator": "above_or_equals", "threshold": 2, "threshold_duration": 300,
                            "threshold_occurrences": "at_least_once"}], "term": []}},
            {"address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "values": {"bucket": "x"}}
          ],
          "child_modules": [{"address": "module.pump", "resources": [
            {"address": "module.pump.newrelic_nrql_alert_condition.ratio", "type": "newrelic_nrql_alert_condition",
             "values": {"name": "pump failure ratio", "type": "static", "enabled": true,
               "aggregation_window": 600, "slide_by": 300, "fill_option": "static", "fill_value": 0,
               "aggregation_method": "event_flow", "aggregation_delay": null, "expiration_duration": null,
               "violation_time_limit_seconds": 259200,
               "nrql": [{"query": "SELECT percentage(count(*), WHERE outcome = 'failure') FROM Log WHERE entity.name = 'pump-worker' FACET billerId"}],
               "critical": [], "warning": [{"operator": "above", "threshold": 20, "threshold_duration": 1200,
                                            "threshold_occurrences": "all"}]}},
            {"address": "module.pump.newrelic_nrql_alert_condition.latency", "type": "newrelic_nrql_alert_condition",
             "values": {"name": "gateway latency", "type": "static", "enabled": false,
               "aggregation_window": 300, "fill_option": "last_value", "aggregation_method": "cadence",
               "aggregation_delay": "60",
               "nrql": [{"query": "SELECT average(durationMs) FROM Log WHERE entity.name = 'rtd-gateway'"}],
               "critical": [{"operator": "above", "threshold": 1200, "threshold_duration": 600,
                             "threshold_occurrences": "all"}]}}
          ]}]}}}
        """
}
