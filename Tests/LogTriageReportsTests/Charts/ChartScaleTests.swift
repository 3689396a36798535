import Testing
@testable import LogTriageReports

extension ChartTests {
    @Suite struct ChartScaleTests {
        @Test(arguments: [(0.7, 1.0), (1.0, 1.0), (1.3, 2.0), (2.2, 5.0), (5.1, 10.0), (37.0, 50.0), (0.013, 0.02)])
        func roundSteps(raw: Double, step: Double) {
            #expect(abs(ChartScale.roundStep(raw) - step) < step * 1e-9)
        }

        @Test func coversTheMaximumWithRoundTicks() {
            let scale = ChartScale(minimum: 0, maximum: 37, integral: true)
            #expect(scale.lower == 0)
            #expect(scale.step == 10)
            #expect(scale.upper == 40)
            #expect(scale.ticks == [0, 10, 20, 30, 40])
        }

        @Test func allZeroReadsZeroToOne() {
            let scale = ChartScale(minimum: 0, maximum: 0, integral: true)
            #expect(scale.lower == 0 && scale.upper == 1)
            #expect(scale.position(of: 0, bottom: 100, top: 0) == 100)
        }

        @Test func integralStepsAreWhole() {
            let scale = ChartScale(minimum: 0, maximum: 2, integral: true)
            #expect(scale.ticks.allSatisfy { $0 == $0.rounded() })
            #expect(scale.upper >= 2)
        }

        @Test func negativeValuesExtendBelowZero() {
            let scale = ChartScale(minimum: -3, maximum: 8, integral: false)
            #expect(scale.lower <= -3 && scale.upper >= 8)
            #expect(scale.ticks.contains(0))
        }

        @Test func positionIsLinear() {
            let scale = ChartScale(minimum: 0, maximum: 100, integral: false)
            #expect(scale.position(of: 50, bottom: 300, top: 100) == 200)
            #expect(scale.position(of: scale.upper, bottom: 300, top: 100) == 100)
        }
    }
}
