import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of an SVG file as Foundation's `XMLParser` read it: the reference that the
/// chart writers' output is checked against.
package struct ParsedSVG {
    package var name: String
    package var namespace: String?
    package var attributes: [String: String]
    package var children: [ParsedSVG]
    package var text: String

    package struct ParseError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Parses `xml` with namespaces resolved; throws when it is not well-formed.
    package static func parse(_ xml: String) throws -> ParsedSVG {
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        let reader = Reader()
        parser.delegate = reader
        guard parser.parse(), let root = reader.root else {
            throw ParseError(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root")")
        }
        return root
    }

    /// This element and all below it, in document order.
    package var all: [ParsedSVG] { [self] + children.flatMap(\.all) }

    package func elements(named name: String) -> [ParsedSVG] { all.filter { $0.name == name } }
    package func elements(class name: String) -> [ParsedSVG] { all.filter { $0.attributes["class"] == name } }

    /// The text of this element and its descendants, as a browser would show it.
    package var fullText: String { text + children.map(\.fullText).joined() }

    package func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// A polyline's `points` as (x, y) pairs.
    package var points: [(x: Double, y: Double)] {
        (attributes["points"] ?? "").split(separator: " ").compactMap { pair in
            let parts = pair.split(separator: ",").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var stack: [ParsedSVG] = []
        var root: ParsedSVG?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            stack.append(ParsedSVG(name: elementName, namespace: namespaceURI, attributes: attributes, children: [], text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            var element = stack.removeLast()
            if element.children.isEmpty == false { element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}

extension ParsedSVG {
    /// Parses a chart file and checks what every chart must be: an `svg` root in the SVG
    /// namespace with a `viewBox`, SVG 1.1, a generic font, no scripts and no references to
    /// other files.
    package static func chart(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedSVG {
        let root = try parse(xml)
        #expect(root.name == "svg", sourceLocation: sourceLocation)
        #expect(root.namespace == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
        #expect(root.attributes["version"] == "1.1", sourceLocation: sourceLocation)
        #expect(root.attributes["font-family"] == "sans-serif", sourceLocation: sourceLocation)
        let viewBox = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        #expect(viewBox.count == 4 && viewBox[2] > 0 && viewBox[3] > 0, "viewBox \(viewBox)", sourceLocation: sourceLocation)
        #expect(root.elements(named: "script").isEmpty, sourceLocation: sourceLocation)
        let references = root.all.flatMap { $0.attributes.keys.filter { $0.contains("href") } }
        #expect(references.isEmpty, "references \(references)", sourceLocation: sourceLocation)
        #expect(!xml.contains("url("), sourceLocation: sourceLocation)
        return root
    }
}
