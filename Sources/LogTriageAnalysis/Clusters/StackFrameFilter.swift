/// Turns Java stack frame lines into stable `Class.method` names and drops framework frames.
///
/// A frame name must be the same for two releases of a service, so everything that changes with
/// a build is removed: line numbers, jar names and versions (`~[billing-core-1.4.0.jar:1.4.0]`),
/// module prefixes (`java.base@17.0.2/`, `app//`), generated class suffixes
/// (`$$EnhancerBySpringCGLIB$$1a2b`, `$$Lambda$412/0x…`, anonymous `$1`) and lambda method
/// numbers (`lambda$run$0` becomes `run`). The package is dropped too: the simple class name
/// and method are what a reader recognises, and they survive package moves.
enum StackFrameFilter {
    /// Frames of these packages say how the call got there, not where the service failed.
    static let frameworkPrefixes = [
        "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.",
        "org.springframework.", "org.apache.", "com.fasterxml.", "io.netty.", "reactor.", "okhttp3.",
        "okio.", "com.zaxxer.", "org.hibernate.", "io.grpc.", "org.eclipse.jetty.", "io.undertow.",
        "io.micrometer.", "io.opentelemetry.", "com.newrelic.", "org.aspectj.", "net.bytebuddy.",
        "feign.", "retrofit2.", "ch.qos.logback.", "org.slf4j.", "com.google.common.", "groovy.",
        "org.codehaus.groovy.", "org.junit.", "io.github.resilience4j.",
    ]

    /// The `Class.method` of an in-app frame line (`at com.acme.Foo.bar(Foo.java:42)`), or nil
    /// for framework, synthetic and non-frame lines.
    static func inAppFrame(line: Substring) -> String? {
        var text = line.drop(while: { $0 == " " || $0 == "\t" })
        guard text.hasPrefix("at ") else { return nil }
        text = text.dropFirst(3).drop(while: { $0 == " " })
        if let paren = text.firstIndex(of: "(") { text = text[..<paren] }
        // Lambda classes (`Foo$$Lambda$412/0x…`) only forward to `lambda$…` frames, listed apart.
        if text.contains("$$Lambda") { return nil }
        // Java 9+ module prefixes: `java.base@17/java.lang.Thread.run`, `app//com.acme.Foo.bar`.
        if let slash = text.lastIndex(of: "/") { text = text[text.index(after: slash)...] }
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return nil }
        let fullClass = text[..<dot]
        let rawMethod = text[text.index(after: dot)...]
        guard !rawMethod.isEmpty, !fullClass.contains(" ") else { return nil }
        for prefix in frameworkPrefixes where fullClass.hasPrefix(prefix) { return nil }
        guard let method = stableMethod(rawMethod) else { return nil }
        let className = stableClass(fullClass)
        guard !className.isEmpty else { return nil }
        return "\(className).\(method)"
    }

    /// The simple class name without generated suffixes.
    static func stableClass(_ fullClass: Substring) -> String {
        var name = fullClass
        if let dot = name.lastIndex(of: ".") { name = name[name.index(after: dot)...] }
        // `Foo$$EnhancerBySpringCGLIB$$1a2b`, `Foo$$SpringCGLIB$$0`, `Foo$$Lambda$12`.
        if let generated = name.firstRange(of: "$$") { name = name[..<generated.lowerBound] }
        // Keep named nested classes (`Outer$Inner`), drop anonymous (`$1`) and proxy parts.
        var kept: [Substring] = []
        for part in name.split(separator: "$", omittingEmptySubsequences: false) {
            if kept.isEmpty { kept.append(part); continue }
            if part.isEmpty || part.first!.isNumber || part.hasPrefix("HibernateProxy")
                || part.hasPrefix("ByteBuddy") || part.hasPrefix("MockitoMock") || part.hasPrefix("Proxy") {
                break
            }
            kept.append(part)
        }
        return kept.joined(separator: "$")
    }

    /// The method name as written in source, or nil for synthetic accessors.
    static func stableMethod(_ raw: Substring) -> String? {
        if raw.hasPrefix("access$") { return nil }
        if raw.hasPrefix("lambda$") {
            // `lambda$run$0` → `run`; `lambda$null$3` keeps `null`, which is what javac wrote.
            let parts = raw.split(separator: "$")
            return parts.count >= 2 ? String(parts[1]) : nil
        }
        if let dollar = raw.firstIndex(of: "$"), dollar != raw.startIndex { return String(raw[..<dollar]) }
        return String(raw)
    }
}
