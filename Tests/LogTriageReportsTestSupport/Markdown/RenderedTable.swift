import Foundation
import LogTriageReports

/// A rendered pipe table read back as GitHub splits it: rows on line breaks, cells on pipes
/// that no backslash precedes; the first line is the header, the second the separator.
package struct RenderedTable {
    package let lines: [String]
    /// Every row's cells as written (trimmed, still escaped), header and separator included.
    package let cells: [[String]]

    package init(_ markdown: String) {
        lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        cells = lines.map(Self.split)
    }

    package var header: [String] { cells[0] }
    package var separator: [String] { cells[1] }
    package var body: [[String]] { Array(cells.dropFirst(2)) }

    /// Cells between the outer pipes; a pipe after a backslash is part of a cell.
    package static func split(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character?
        for character in line {
            if character == "|", previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        cells.append(current)
        // A row opens and closes with a pipe: drop what is outside them.
        return cells.dropFirst().dropLast().map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ")) }
    }

    /// A `.text` cell's literal text: one backslash before each pipe removed (GitHub does
    /// this first), then markdown's backslash escapes of ASCII punctuation.
    package static func plainText(ofCell cell: String) -> String {
        let pipes = cell.replacingOccurrences(of: "\\|", with: "|")
        var out = ""
        var iterator = pipes.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\\", let next = iterator.next() {
                if MarkdownInlineEscaper.isASCIIPunctuation(next) { out.unicodeScalars.append(next) }
                else { out.unicodeScalars.append(scalar); out.unicodeScalars.append(next) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A `.code` cell's literal text: pipes unescaped, fences and their padding removed.
    package static func codeText(ofCell cell: String) -> String {
        let pipes = cell.replacingOccurrences(of: "\\|", with: "|")
        let fence = pipes.prefix(while: { $0 == "`" }).count
        var inner = pipes.dropFirst(fence).dropLast(fence)
        if inner.first == " ", inner.last == " ", inner.contains(where: { $0 != " " }) { inner = inner.dropFirst().dropLast() }
        return String(inner)
    }
}
