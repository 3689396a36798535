import Foundation
import Testing
@testable import LogTriageReports
import LogTriageTestSupport
import LogTriageReportsTestSupport

extension MarkdownTests {
    @Suite("MarkdownTable")
    struct TableTests {
        static let nastyCells = [
            "a | b", "line one\nline two\r\nthree", "C:\\temp\\", "back\\|slash", "`tick`", "*bold* _it_ <b>x</b>",
            "  padded  ", "", "| leading", "trailing |", "\\", "🚀 émoji 👩‍💻", "漢字テキスト", "# not a heading",
        ]

        func sampleTable() -> MarkdownTable {
            var table = MarkdownTable(columns: [
                .init("Cluster"), .init("Count", alignment: .right), .init("Template", alignment: .center, maxWidth: 12),
                .init("Example"),
            ])
            for (index, cell) in Self.nastyCells.enumerated() {
                table.append([.code("C\(index)|x"), .text(ReadableNumber.count(index * 1000)), .text(cell), .code(cell)])
            }
            return table
        }

        @Test func renderedTableIsWellFormed() {
            let rendered = sampleTable().rendered()
            let table = RenderedTable(rendered)
            #expect(table.lines.count == 2 + Self.nastyCells.count)
            #expect(table.cells.allSatisfy { $0.count == 4 }, "\(rendered)")
            #expect(table.header == ["Cluster", "Count", "Template", "Example"])
            #expect(table.lines.allSatisfy { $0.hasPrefix("| ") && $0.hasSuffix(" |") })
            for cell in table.separator {
                #expect(cell.wholeMatch(of: /:?-+:?/) != nil, "separator cell \(cell)")
            }
            #expect(table.separator.map { ($0.first == ":", $0.last == ":") }.map { "\($0)\($1)" }
                    == ["truefalse", "falsetrue", "truetrue", "truefalse"])
        }

        @Test func columnsArePaddedToOneDisplayWidth() {
            let table = RenderedTable(sampleTable().rendered())
            for line in table.lines {
                #expect(DisplayText.width(of: line) == DisplayText.width(of: table.lines[0]), "\(line)")
            }
            // Every column boundary is at the same display column on every line.
            let boundaries = table.lines.map { line -> [Int] in
                var column = 0, previous: Character?
                var found: [Int] = []
                for character in line {
                    if character == "|", previous != "\\" { found.append(column) }
                    column += DisplayText.width(of: character)
                    previous = character
                }
                return found
            }
            #expect(Set(boundaries).count == 1)
        }

        @Test func smallTableRendersExactly() {
            var table = MarkdownTable(columns: [.init("Kind"), .init("Records", alignment: .right), .init("Mid", alignment: .center)])
            table.append(["new", "1,234", "x"])
            table.append(["gone", "7", "yy"])
            #expect(table.rendered() == """
                | Kind | Records | Mid |
                | :--- | ------: | :-: |
                | new  |   1,234 |  x  |
                | gone |       7 | yy  |

                """)
        }

        @Test func emptyTableHasHeaderAndSeparator() {
            #expect(MarkdownTable(header: ["a"]).rendered() == "| a   |\n| :-- |\n")
        }

        @Test func textCellsRoundTripAsOneCell() {
            var generator = SplitMix64(seed: 7)
            let alphabet: [Character] = ["|", "\\", "\n", "\r\n", "*", "_", "`", "<", ">", "#", "[", "]", "(", ")", "&", ";", "$", "~",
                                         " ", "a", "b", "1", ".", "-", "!", "é", "e\u{301}", "🚀", "👍🏽", "漢", "\t"]
            for _ in 0..<300 {
                let text = String((0..<generator.int(0...24)).map { _ in alphabet[generator.int(0...(alphabet.count - 1))] })
                var table = MarkdownTable(header: ["text", "code"])
                table.append([.text(text), .code(text)])
                let rendered = RenderedTable(table.rendered())
                let expected = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }).trimmingCharacters(in: .whitespaces)
                #expect(rendered.body.count == 1 && rendered.body[0].count == 2, "\(text.debugDescription)")
                guard rendered.body.count == 1, rendered.body[0].count == 2 else { continue }
                #expect(RenderedTable.plainText(ofCell: rendered.body[0][0]) == expected, "\(text.debugDescription)")
                #expect(RenderedTable.codeText(ofCell: rendered.body[0][1]) == expected, "\(text.debugDescription)")
            }
        }

        @Test func pipesAndBackslashesAreEscapedForGitHub() {
            var table = MarkdownTable(header: ["a"])
            table.append(["x | y"])
            table.append(["x\\|y"])
            table.append([.code("a|b")])
            table.append([.markdown("**a|b**")])
            #expect(RenderedTable(table.rendered()).body.map { $0[0] } == ["x \\| y", "x\\\\\\|y", "`a\\|b`", "**a\\|b**"])
        }

        @Test func longCellsAreShortenedToTheColumnWidth() {
            var table = MarkdownTable(columns: [.init("t", maxWidth: 8), .init("c", maxWidth: 5)])
            table.append(["Failed to sync invoice", .code("abcdefgh")])
            table.append(["👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻", .code("ok")])
            let body = RenderedTable(table.rendered()).body
            #expect(body[0] == ["Failed…", "`abcd…`"])
            #expect(body[1] == ["👩‍💻👩‍💻👩‍💻…", "`ok`"])
        }

        @Test func titlesAreNeverShortened() {
            var table = MarkdownTable(columns: [.init("A long title", maxWidth: 3)])
            table.append(["abcdef"])
            #expect(RenderedTable(table.rendered()).cells.map { $0[0] } == ["A long title", ":-----------", "ab…"])
        }

        @Test func appendingAShortRowStopsTheProgram() async {
            await #expect(processExitsWith: .failure) {
                var table = MarkdownTable(header: ["a", "b"])
                table.append(["only one"])
            }
        }
    }
}
