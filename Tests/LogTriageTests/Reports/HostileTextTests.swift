import CSV
import Foundation
import Ink
import Testing
@testable import LogTriageBasics
@testable import LogTriageAlerts
import LogTriageTestSupport
import LogTriageReportsTestSupport

/// Log text and the team's alerts file reach every report format. A week whose service names,
/// messages, exception classes, biller ids and condition names are hostile (template markers,
/// quotes of every kind, markup, pipes, line breaks, backslashes, formula starters) goes
/// through a real run, and each output is read back by a reader of its own format.
@Suite("Reports: hostile text in every output format", .enabled(if: BuiltCommand.path != nil))
struct HostileTextTests {
    /// A service that a current condition counts (its proposal replaces that condition).
    static let watchedService = "=pay|${svc}%{if}'\"`</svg><script>x\\"
    /// A service no condition counts (its proposal is added for the coverage gap).
    static let unwatchedService = "@sync ${a} [l](u) *e* \\%{x}\r\n<script>alert('s')</script>\u{1B}[2J"
    static let watchedClass = "+Evil|${cls}</svg>'\"`AuthException"
    static let unwatchedClass = "-Bad\\Class%{x}]('q')\"AuthException"
    static let billers = ["-B1|${b}", "=B2\"'`</svg>"]
    static let message = "@SUM(1+1) | ${jndi:ldap://x} %{x} </svg><script>alert('x')</script> `tick` \"q\" 'sq' "
        + "line\nnext\r\nback\\slash $1 and $2 &amp; ]( [a](b) - "
    static let conditionName = "=cond|${name}%{x}</svg><script>'q\"`\\ ](x) [y]"

    /// Two services over a week: a few calls an hour, and twice a day a burst of 401 failures
    /// (endpoint_auth, critical) that the review wants a condition for.
    static func week() throws -> [UInt8] {
        var lines = ""
        let start = 1_794_182_400_000
        for (serviceIndex, service) in [watchedService, unwatchedService].enumerated() {
            let errorClass = serviceIndex == 0 ? watchedClass : unwatchedClass
            for hour in 0..<(7 * 24) {
                for call in 0..<4 {
                    lines += try line(["timestamp": start + hour * 3_600_000 + call * 900_000, "service.name": service,
                                       "level": "INFO", "message": "ok call", "billerId": billers[call % 2],
                                       "outcome": "success", "durationMs": 100])
                }
            }
            for day in 0..<7 {
                for burst in 0..<2 {
                    let burstStart = start + day * 86_400_000 + (6 + burst * 8 + serviceIndex) * 3_600_000
                    for index in 0..<25 {
                        var record: [String: Any] = [
                            "timestamp": burstStart + index * 20_000, "service.name": service, "level": "ERROR",
                            "message": message + String(index % 3), "error.class": errorClass,
                            "billerId": billers[index % 2], "outcome": "failure", "durationMs": 900,
                            "http.statusCode": 401,
                        ]
                        // The unwatched service sends none, so the run's summary names it.
                        if serviceIndex == 0 { record["sourceId"] = "+src|${s}" }
                        lines += try line(record)
                    }
                }
            }
        }
        return Array(lines.utf8)
    }

    static func line(_ record: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self) + "\n"
    }

    /// A YAML scalar for any text: JSON's string syntax is YAML's double-quoted style.
    static func yamlString(_ text: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    static func alertsFile() throws -> String {
        let nrql = "SELECT count(*) FROM Log WHERE service.name = '\(watchedService.replacingOccurrences(of: "'", with: "''"))'"
            + " AND level = 'ERROR'"
        return """
            - name: \(try yamlString(conditionName))
              nrql: \(try yamlString(nrql))
              window_s: 300
              critical: {operator: above, threshold: 5, duration_s: 300}

            """
    }

    /// One run of `analyze` over the hostile week, with its report folder and assignments file.
    struct Run {
        let fixtures: InputFixtures
        let out: String
        let assignments: String
        /// What the run printed on stderr.
        let messages: String

        init(command: String = "analyze") throws {
            fixtures = try InputFixtures()
            let input = try fixtures.gzip("hostile.json.gz", members: [try HostileTextTests.week()])
            let alerts = try fixtures.plain("alerts.yml", Array(try HostileTextTests.alertsFile().utf8))
            out = fixtures.path("report")
            assignments = fixtures.path("assignments.csv")
            var arguments = [command, input, "--out", out, "--quiet", "--assignments", assignments]
            if command == "analyze" { arguments += ["--alerts", alerts] }
            let result = try BuiltCommand.run(arguments)
            #expect(result.status == 0, "\(result.err)")
            messages = result.err
        }

        func text(_ name: String) throws -> String { try String(contentsOfFile: out + "/" + name, encoding: .utf8) }

        func names(_ suffix: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(suffix) }.sorted()
        }
    }

    // MARK: - report.md

    @Test func reportMarkdownKeepsItsTablesAndMakesNoMarkupFromLogText() throws {
        let run = try Run()
        defer { run.fixtures.remove() }
        let markdown = try run.text("report.md")
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        // Every table row has the header's number of cells: no pipe or line break got loose.
        var tables = 0
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("|") else { index += 1; continue }
            let header = RenderedTable.split(lines[index])
            tables += 1
            while index < lines.count, lines[index].hasPrefix("|") {
                #expect(RenderedTable.split(lines[index]).count == header.count, "\(lines[index])")
                #expect(lines[index].hasSuffix("|"), "\(lines[index])")
                index += 1
            }
        }
        #expect(tables >= 5)

        // The services table shows each name as it is (a line break as a space).
        let serviceCells = lines.filter { $0.hasPrefix("|") }.flatMap(RenderedTable.split).map(RenderedTable.plainText(ofCell:))
        #expect(serviceCells.contains(Self.watchedService))
        #expect(serviceCells.contains(Self.unwatchedService.replacingOccurrences(of: "\r\n", with: " ")))

        // Outside code, no `<` opens a tag and every bracket of a name is escaped.
        for line in Self.withoutCode(lines) {
            let scalars = Array(line.unicodeScalars)
            for (position, scalar) in scalars.enumerated() where scalar == "<" {
                guard let next = scalars.dropFirst(position + 1).first,
                      next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" else { continue }
                #expect(Self.isEscaped(scalars, at: position), "raw HTML in: \(line)")
            }
        }

        // Each chart image points at a chart that exists, whatever the condition name holds.
        let images = lines.filter { $0.hasPrefix("![") }
        #expect(images.count >= 3)
        for image in images {
            let target = try #require(Self.imageTarget(image), "a broken image: \(image)")
            #expect(FileManager.default.fileExists(atPath: run.out + "/" + target), "\(image)")
        }

        // Ink, an independent reader, on the text outside code (Ink reads no code span fenced
        // by two backticks): no tag from log text, no link made of it.
        let html = MarkdownParser().html(from: Self.withoutCode(lines).joined(separator: "\n"))
        for tag in ["<script", "</svg", "<svg", "<a href"] {
            #expect(!html.contains(tag), "\(tag) in the rendered report")
        }
    }

    /// The lines with fenced code blocks dropped and inline code spans removed.
    static func withoutCode(_ lines: [String]) -> [String] {
        var kept: [String] = []
        var fence: String?
        for line in lines {
            let ticks = String(line.prefix(while: { $0 == "`" }))
            if let open = fence {
                if ticks.count >= open.count, line.drop(while: { $0 == "`" }).allSatisfy(\.isWhitespace) { fence = nil }
                continue
            }
            if ticks.count >= 3 { fence = ticks; continue }
            kept.append(removingCodeSpans(line))
        }
        return kept
    }

    /// `line` without its code spans: a run of n backticks up to the next run of exactly n.
    static func removingCodeSpans(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "`", !isEscaped(scalars, at: index) else {
                out.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end] == "`" { end += 1 }
            let length = end - index
            var search = end
            var close: Int?
            while search < scalars.count {
                guard scalars[search] == "`" else { search += 1; continue }
                var runEnd = search
                while runEnd < scalars.count, scalars[runEnd] == "`" { runEnd += 1 }
                if runEnd - search == length { close = runEnd; break }
                search = runEnd
            }
            if let close { index = close } else { out.append(contentsOf: scalars[index..<end]); index = end }
        }
        return String(out)
    }

    /// Whether an odd number of backslashes precedes `position`.
    static func isEscaped(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        var count = 0
        var before = position - 1
        while before >= 0, scalars[before] == "\\" { count += 1; before -= 1 }
        return count % 2 == 1
    }

    /// The target of a line that is one image, read as CommonMark does: the alt text ends at
    /// the first `]` that no backslash escapes and no `[` balances; nil when it is no image.
    static func imageTarget(_ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        var depth = 0
        var index = 2
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" { index += 2; continue }
            if scalar == "[" { depth += 1 }
            if scalar == "]" {
                if depth == 0 { break }
                depth -= 1
            }
            index += 1
        }
        guard index + 1 < scalars.count, scalars[index + 1] == "(", scalars.last == ")" else { return nil }
        let target = String(String.UnicodeScalarView(scalars[(index + 2)..<(scalars.count - 1)]))
        return target.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? nil : target
    }

    // MARK: - the terminal

    @Test func messagesOnTheTerminalCarryNoControlCharacters() throws {
        let run = try Run()
        defer { run.fixtures.remove() }
        #expect(run.messages.contains("@sync ${a}"), "\(run.messages)")
        #expect(!run.messages.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(run.messages)")
        #expect(run.messages.contains("\\u{1B}[2J"))
    }

    // MARK: - SVG charts

    @Test func everyChartIsWellFormedXMLThatShowsTheTextAsText() throws {
        let run = try Run()
        defer { run.fixtures.remove() }
        let names = try run.names(".svg")
        #expect(names.count >= 3)
        var shown = ""
        for name in names {
            let chart = try ParsedSVG.chart(try run.text(name))
            shown += chart.fullText + chart.all.flatMap(\.attributes.values).joined()
        }
        #expect(shown.contains("</svg><script>"), "the hostile text was lost rather than escaped")
    }

    // MARK: - alerts.tf and its NRQL

    @Test func alertsTerraformStringsReadBackToTheTextAndItsNRQL() throws {
        let run = try Run()
        defer { run.fixtures.remove() }
        let terraform = try run.text("alerts.tf")
        let attributes = try HCLStrings.attributes(in: terraform)
        let names = attributes.filter { $0.key == "name" }.map(\.value)
        #expect(names.contains(Self.conditionName), "\(names)")
        let descriptions = attributes.filter { $0.key == "description" }.map(\.value)
        #expect(descriptions.contains { $0.contains("replaces \(Self.conditionName)") }, "\(descriptions)")
        let queries = attributes.filter { $0.key == "query" }.map(\.value)
        #expect(queries.count == 2, "\(queries)")
        var literals: Set<String> = []
        for query in queries {
            _ = try NRQLQuery.parse(query, condition: "alerts.tf")
            literals.formUnion(try Self.nrqlStringLiterals(query))
        }
        for text in [Self.watchedService, Self.unwatchedService, Self.watchedClass, Self.unwatchedClass] {
            #expect(literals.contains(text), "\(text) not in \(literals)")
        }
    }

    /// The values of an NRQL query's `'string'` literals: the text between single quotes,
    /// a doubled quote standing for one; throws on an unterminated literal.
    static func nrqlStringLiterals(_ query: String) throws -> [String] {
        var literals: [String] = []
        var scalars = query.unicodeScalars[...]
        while let open = scalars.firstIndex(of: "'") {
            scalars = scalars[scalars.index(after: open)...]
            var literal = String.UnicodeScalarView()
            while true {
                guard let scalar = scalars.first else { throw HCLStrings.Problem(description: "unterminated NRQL string in \(query)") }
                scalars = scalars.dropFirst()
                if scalar == "'" {
                    if scalars.first == "'" { literal.append("'"); scalars = scalars.dropFirst(); continue }
                    break
                }
                literal.append(scalar)
            }
            literals.append(String(literal))
        }
        return literals
    }

    // MARK: - alerts-nerdgraph.json and summary.json

    @Test func jsonDocumentsParseAndCarryTheTextUnchanged() throws {
        let run = try Run()
        defer { run.fixtures.remove() }
        let nerdGraph = try #require(try JSONSerialization.jsonObject(with: Data(try run.text("alerts-nerdgraph.json").utf8))
                                     as? [String: Any])
        let conditions = try #require(nerdGraph["conditions"] as? [[String: Any]]).compactMap { $0["condition"] as? [String: Any] }
        #expect(conditions.count == 2)
        #expect(conditions.contains { $0["name"] as? String == Self.conditionName })
        var literals: Set<String> = []
        for condition in conditions {
            let query = try #require((condition["nrql"] as? [String: Any])?["query"] as? String)
            _ = try NRQLQuery.parse(query, condition: "alerts-nerdgraph.json")
            literals.formUnion(try Self.nrqlStringLiterals(query))
        }
        #expect(literals.isSuperset(of: [Self.watchedService, Self.unwatchedService, Self.watchedClass, Self.unwatchedClass]))
        let summary = try JSONSerialization.jsonObject(with: Data(try run.text("summary.json").utf8))
        #expect(summary is [String: Any])
    }

    // MARK: - CSV files

    @Test(arguments: ["analyze", "patterns"])
    func noCSVCellStartsAFormula(command: String) throws {
        let run = try Run(command: command)
        defer { run.fixtures.remove() }
        let paths = try run.names(".csv").map { run.out + "/" + $0 } + [run.assignments]
        #expect(paths.count >= (command == "analyze" ? 7 : 3))
        var cells: [String] = []
        for path in paths {
            let reader = try CSVReader(stream: try #require(InputStream(fileAtPath: path)))
            let header = try #require(reader.next())
            while let row = reader.next() {
                #expect(row.count == header.count, "\(path): \(row)")
                cells += row
            }
        }
        for cell in cells { #expect(!CSVTable.isFormula(cell), "\(cell)") }
        // The text is there, neutralised, not dropped.
        #expect(cells.contains { $0.hasPrefix("'@SUM(1+1) | ${jndi:ldap://x}") || $0.hasPrefix("'@SUM(<*>)") })
        if command == "analyze" {
            #expect(cells.contains("'" + Self.watchedService))
            #expect(cells.contains("'" + Self.billers[0]))
            #expect(cells.contains("'" + Self.conditionName))
        }
    }
}

/// The quoted strings of an HCL file, read as Terraform reads them: a backslash escape
/// (`\n`, `\r`, `\t`, `\"`, `\\`, `\uNNNN`, `\UNNNNNNNN`) is one character, `$${` and `%%{`
/// are literal `${` and `%{`, and an unescaped `${` or `%{` (a template), a line break or any
/// other escape is an error.
enum HCLStrings {
    struct Problem: Error, CustomStringConvertible { var description: String }

    enum Token: Equatable {
        case word(String), symbol(Character), string(String), lineBreak
    }

    /// The file as tokens: words (names, numbers, `var.policy_id`), `=`, `{`, `}`, `[`, `]`, `,`, decoded
    /// strings and line breaks; comments dropped. Throws on anything else outside a string,
    /// so text that escaped its string is caught.
    static func tokens(in text: String) throws -> [Token] {
        var tokens: [Token] = []
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            switch scalar {
            case " ", "\t":
                scalars = scalars.dropFirst()
            case "\n":
                tokens.append(.lineBreak)
                scalars = scalars.dropFirst()
            case "#":
                scalars = scalars.drop(while: { $0 != "\n" })
            case "\"":
                scalars = scalars.dropFirst()
                tokens.append(.string(try string(&scalars)))
            case "=", "{", "}", "[", "]", ",":
                tokens.append(.symbol(Character(scalar)))
                scalars = scalars.dropFirst()
            default:
                let word = scalars.prefix(while: { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) })
                guard !word.isEmpty else { throw Problem(description: "unexpected \(scalar) outside a string") }
                tokens.append(.word(String(String.UnicodeScalarView(word))))
                scalars = scalars.dropFirst(word.count)
            }
        }
        return tokens
    }

    /// `key = "value"` attributes (alone on their line), in order, values decoded.
    static func attributes(in text: String) throws -> [(key: String, value: String)] {
        let tokens = try tokens(in: text) + [.lineBreak]
        var result: [(key: String, value: String)] = []
        var depth = 0
        for (index, token) in tokens.enumerated() {
            if token == .symbol("{") { depth += 1 }
            if token == .symbol("}") { depth -= 1 }
            guard depth >= 0 else { throw Problem(description: "a closing brace too many") }
            guard index >= 2, index + 1 < tokens.count, case let .string(value) = token,
                  tokens[index - 1] == .symbol("="), case let .word(key) = tokens[index - 2] else { continue }
            guard tokens[index + 1] == .lineBreak else { throw Problem(description: "text after the string of \(key)") }
            result.append((key, value))
        }
        guard depth == 0 else { throw Problem(description: "unbalanced braces") }
        return result
    }

    /// One quoted string's content, the opening quote already read; leaves `scalars` after
    /// the closing quote.
    static func string(_ scalars: inout Substring.UnicodeScalarView) throws -> String {
        var out = String.UnicodeScalarView()
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            switch scalar {
            case "\"":
                return String(out)
            case "\n", "\r":
                throw Problem(description: "a line break inside a quoted string: \(String(out))")
            case "\\":
                guard let escape = scalars.first else { break }
                scalars = scalars.dropFirst()
                switch escape {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "u", "U":
                    let digits = escape == "u" ? 4 : 8
                    let hex = String(String.UnicodeScalarView(scalars.prefix(digits)))
                    guard hex.count == digits, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw Problem(description: "a bad \\\(escape) escape: \(hex)")
                    }
                    out.append(decoded)
                    scalars = scalars.dropFirst(digits)
                default:
                    throw Problem(description: "an unknown escape \\\(escape) after: \(String(out))")
                }
            case "$", "%":
                var rest = scalars
                if rest.first == scalar, rest.dropFirst().first == "{" {
                    // `$${` / `%%{`: the literal marker.
                    out.append(scalar)
                    out.append("{")
                    rest = rest.dropFirst(2)
                    scalars = rest
                } else if rest.first == "{" {
                    throw Problem(description: "a template sequence \(scalar){ after: \(String(out))")
                } else {
                    out.append(scalar)
                }
            default:
                out.append(scalar)
            }
        }
        throw Problem(description: "an unterminated quoted string: \(String(out))")
    }
}
