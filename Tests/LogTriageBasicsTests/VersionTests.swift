import Testing
@testable import LogTriageBasics

@Test func versionIsSet() { #expect(!LogTriageVersion.current.isEmpty) }
