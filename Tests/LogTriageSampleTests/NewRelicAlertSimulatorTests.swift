import Foundation
import Testing
@testable import LogTriageModel
@testable import LogTriageAlerts
@testable import LogTriageSample

/// The sample's model of New Relic's streaming alerts, rule by documented rule, on hand-made
/// timelines: it is the yardstick the replay is checked against, so it is checked first.
@Suite("Sample: New Relic's streaming alerts, simulated")
struct NewRelicAlertSimulatorTests {
    static let second: Int64 = 1_000
    static let minute: Int64 = 60_000
    static let start: Int64 = 1_794_182_400_000

    static func record(_ offset: Int64, level: String = "ERROR") -> SampleRecord {
        SampleRecord(timestamp: start + offset, service: .rtdGateway, host: 0, message: .string("call failed"),
                     fields: [SampleField("entity.name", "rtd-gateway"), SampleField("level", level)])
    }

    static func condition(_ nrql: String = "SELECT count(*) FROM Log WHERE level = 'ERROR'", window: Int = 60,
                          method: AggregationMethod = .cadence, delay: Int? = 0, timer: Int? = nil,
                          fill: FillOption = .none, expiration: Int? = nil, openOnExpiration: Bool = false,
                          closeOnExpiration: Bool = false, limit: Int = 259_200,
                          critical: AlertThreshold = AlertThreshold(operator: .above, value: 2, durationSeconds: 60))
        -> AlertCondition {
        AlertCondition(name: "errors", nrql: nrql, windowSeconds: window, fill: fill, aggregationMethod: method,
                       aggregationDelaySeconds: delay, aggregationTimerSeconds: timer, expirationSeconds: expiration,
                       openOnExpiration: openOnExpiration, closeOnExpiration: closeOnExpiration,
                       violationTimeLimitSeconds: limit, critical: critical)
    }

    static func run(_ condition: AlertCondition, _ records: [SampleRecord], until end: Int64 = 600 * minute)
        -> [SimulatedIncident] {
        let simulator = NewRelicAlertSimulator(conditions: [condition])
        for record in records.sorted(by: { $0.timestamp < $1.timestamp }) { simulator.receive(record) }
        return simulator.finish(at: start + end)
    }

    static func burst(at offset: Int64, _ count: Int = 5, level: String = "ERROR") -> [SampleRecord] {
        (0..<count).map { record(offset + Int64($0) * second, level: level) }
    }

    /// *Choose your aggregation method*: event flow aggregates a window when a record stamped
    /// at or after its end plus the delay arrives; none arrives, nothing is evaluated.
    @Test func eventFlowWaitsForALaterRecord() {
        let condition = Self.condition(method: .eventFlow, delay: 120)
        let incidents = Self.run(condition, Self.burst(at: 0) + [Self.record(5 * Self.minute + 7 * Self.second)])
        #expect(incidents.map(\.opened) == [Self.start + 5 * Self.minute + 7 * Self.second])
        #expect(Self.run(condition, Self.burst(at: 0)).isEmpty)
    }

    /// *NerdGraph tutorial: Loss of signal and gap filling*: gaps are filled only once data
    /// comes back, so a static 0 fill closes the incident when the next data point is
    /// evaluated, not while the signal is quiet.
    @Test func gapsAreFilledWhenDataReturns() {
        let condition = Self.condition(fill: .static(0))
        let incidents = Self.run(condition, Self.burst(at: 0) + [Self.record(30 * Self.minute + 5 * Self.second)])
        #expect(incidents.count == 1)
        #expect(incidents.first?.opened == Self.start + Self.minute)
        #expect(incidents.first?.closed == Self.start + 31 * Self.minute)
        #expect(incidents.first?.closeCause == .evaluator)
        // Quiet to the end: still open.
        #expect(Self.run(condition, Self.burst(at: 0)).first?.closed == nil)
    }

    /// A gap longer than the expiration, or than the 2-hour history, is not filled: the
    /// quiet windows a static 0 would fill do not close the incident.
    @Test func aLostSignalsGapIsNotFilled() {
        let durationTwo = AlertThreshold(operator: .above, value: 2, durationSeconds: 120)
        // Windows 0 and 1 breach: it opens at 2 min. The errors return at minute 30.
        let records = Self.burst(at: 0) + Self.burst(at: Self.minute) + Self.burst(at: 30 * Self.minute)
        let filled = Self.run(Self.condition(fill: .static(0), critical: durationTwo), records)
        #expect(filled.map(\.opened) == [Self.start + 2 * Self.minute])
        #expect(filled.map(\.closed) == [Self.start + 31 * Self.minute])
        let lost = Self.run(Self.condition(fill: .static(0), expiration: 600, critical: durationTwo), records)
        #expect(lost.map(\.closed) == [nil])
        let late = Self.burst(at: 0) + Self.burst(at: Self.minute) + Self.burst(at: 180 * Self.minute)
        #expect(Self.run(Self.condition(fill: .static(0), critical: durationTwo), late).map(\.closed) == [nil])
    }

    /// Loss of signal: an incident opens when no record arrived for the expiration, and
    /// closes when new data is evaluated; the open threshold incident closes on the loss.
    @Test func lossOfSignalOpensAndClosesOnReturn() {
        let condition = Self.condition(expiration: 300, openOnExpiration: true, closeOnExpiration: true)
        // Until minute 24: the signal is lost again 5 minutes after it came back.
        let incidents = Self.run(condition, Self.burst(at: 0) + Self.burst(at: 20 * Self.minute, 1), until: 24 * Self.minute)
        #expect(incidents.count == 2)
        let threshold = incidents.first { !$0.lossOfSignal }
        let loss = incidents.first { $0.lossOfSignal }
        #expect(threshold?.opened == Self.start + Self.minute)
        #expect(threshold?.closed == Self.start + 4 * Self.second + 5 * Self.minute)
        #expect(threshold?.closeCause == .lossOfSignal)
        #expect(loss?.opened == Self.start + 4 * Self.second + 5 * Self.minute)
        #expect(loss?.closed == Self.start + 21 * Self.minute)
        #expect(loss?.priority == .critical)
    }

    /// `violation_time_limit_seconds` closes an incident still open; a breach that goes on
    /// opens a new one by the opening rule.
    @Test func timeLimitForceClosesAndTheBreachReopens() {
        let condition = Self.condition(limit: 600, critical: AlertThreshold(operator: .above, value: 2, durationSeconds: 120))
        let records = (0..<20).flatMap { Self.burst(at: Int64($0) * Self.minute) }
        let incidents = Self.run(condition, records, until: 60 * Self.minute)
        #expect(incidents.map(\.opened) == [2, 13].map { Self.start + $0 * Self.minute })
        #expect(incidents.first?.closed == Self.start + 12 * Self.minute)
        #expect(incidents.first?.closeCause == .expired)
    }

    /// Event timer: a window is aggregated its timer after its last record, never before an
    /// earlier window; a record of a window already aggregated is left out.
    @Test func eventTimerAggregatesAfterTheLastRecord() {
        let condition = Self.condition(window: 300, method: .eventTimer, delay: nil, timer: 60)
        // Two errors, then a pause longer than the timer inside the same window: the third is late.
        let records = Self.burst(at: 0, 2) + [Self.record(200 * Self.second)]
        #expect(Self.run(condition, records).isEmpty)
        let together = Self.burst(at: 0, 2) + [Self.record(50 * Self.second)]
        #expect(Self.run(condition, together).map(\.opened) == [Self.start + 110 * Self.second])
    }

    /// Sliding windows: a window of `aggregation_window` starts every `slide_by`.
    @Test func slidingWindowsOverlap() {
        var condition = Self.condition(window: 300, delay: 0)
        condition.slideBySeconds = 60
        let incidents = Self.run(condition, Self.burst(at: 4 * Self.minute, 3))
        // The windows starting at minutes 0 to 4 each hold the three errors: the first to close,
        // at minute 5, opens the incident.
        #expect(incidents.map(\.opened) == [Self.start + 5 * Self.minute])
    }

    /// Attributes are read as written: a record carrying the level as `log.level` is not
    /// `level = 'ERROR'` for New Relic.
    @Test func attributesAreReadAsWritten() {
        let written = (0..<5).map { offset in
            SampleRecord(timestamp: Self.start + Int64(offset) * Self.second, service: .pumpWorker, host: 1,
                         message: .string("failed"), fields: [SampleField("log.level", "ERROR")])
        }
        #expect(Self.run(Self.condition(), written).isEmpty)
        #expect(Self.run(Self.condition("SELECT count(*) FROM Log WHERE log.level = 'ERROR'"), written).count == 1)
    }
}
