import Testing
@testable import LogTriage

@Test func versionIsSet() { #expect(!LogTriageVersion.current.isEmpty) }
