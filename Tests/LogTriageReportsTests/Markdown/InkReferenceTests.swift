import Foundation
import Ink
import Testing
@testable import LogTriageReports
import LogTriageTestSupport

extension MarkdownTests {
    /// Ink (a markdown-to-HTML parser) as an independent reader of what we write. Ink is not
    /// a complete GitHub renderer (it keeps `\|` inside code spans, has no multi-backtick code
    /// spans), so only structure is compared: a table, a header row of `<th>`, and the same
    /// number of cells in every row; and no emphasis, link or HTML made from escaped text.
    @Suite("Ink reference")
    struct InkReferenceTests {
        /// Cells per `<tr>`, in order, as (header cells, data cells).
        static func cellCounts(_ html: String) -> [(th: Int, td: Int)] {
            html.components(separatedBy: "<tr>").dropFirst().map { row in
                let cells = row.components(separatedBy: "</tr>")[0]
                return (cells.components(separatedBy: "<th").count - 1, cells.components(separatedBy: "<td").count - 1)
            }
        }

        @Test func renderedTableIsAnHTMLTableWithOneCellPerColumn() {
            let table = MarkdownTests.TableTests().sampleTable()
            let html = MarkdownParser().html(from: table.rendered())
            #expect(html.hasPrefix("<table><thead>"))
            let counts = Self.cellCounts(html)
            #expect(counts.count == 1 + table.rows.count)
            #expect(counts.first.map { $0 == (4, 0) } == true)
            #expect(counts.dropFirst().allSatisfy { $0 == (0, 4) }, "\(html)")
        }

        @Test func randomCellsNeverAddOrLoseColumns() {
            var generator = SplitMix64(seed: 11)
            let pieces = ["|", "\\", "\\|", "\n", "`", "``", "*", "_", "<td>", "[a](b)", " ", "x", "🚀", "漢", "#", "&amp;", "-"]
            for _ in 0..<100 {
                var table = MarkdownTable(columns: [.init("one"), .init("two", alignment: .right), .init("three", maxWidth: 6)])
                for _ in 0..<3 {
                    let cells = (0..<3).map { _ in (0..<generator.int(0...6)).map { _ in pieces[generator.int(0...(pieces.count - 1))] }.joined() }
                    // Ink reads no code span fenced by two backticks, so code cells get none.
                    table.append([.text(cells[0]), .text(cells[1]), .code(cells[2].filter { $0 != "`" })])
                }
                let html = MarkdownParser().html(from: table.rendered())
                let counts = Self.cellCounts(html)
                #expect(counts.count == 4 && counts.first.map { $0 == (3, 0) } == true, "\(table.rendered())")
                #expect(counts.dropFirst().allSatisfy { $0 == (0, 3) }, "\(table.rendered())\n\(html)")
            }
        }

        @Test(arguments: ["*foo*_bar_<baz>", "**bold** and __strong__", "[link](http://example.com)", "![image](x.png)",
                          "<b>bold</b> <a href=\"x\">a</a>", "`code`", "~~gone~~"])
        func escapedTextMakesNoMarkup(_ text: String) {
            let html = MarkdownParser().html(from: MarkdownText.escaped(text))
            for tag in ["<em>", "<strong>", "<a ", "<img", "<b>", "<code>", "<s>", "<del>"] {
                #expect(!html.contains(tag), "\(tag) in \(html)")
            }
        }
    }
}
