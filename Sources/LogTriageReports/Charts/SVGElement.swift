/// One element of an SVG document (name, attributes in the order given, child elements or
/// text), rendered as XML with every attribute value and text node escaped.
///
/// Why not JohnSundell/Plot: Plot is an HTML/RSS DSL. It writes attribute values as given,
/// without escaping; its text escaping keeps anything that looks like an entity (`&lt;` in a
/// log line stays `&lt;`) and leaves quotes alone; its `Node` wraps a closure, so it is not
/// `Sendable`; it knows no SVG element. Cluster templates and condition names come from logs
/// and config files, so every byte must be escaped, and the charts need only a handful of
/// elements: a small writer is safer and simpler than adapting Plot.
struct SVGElement: Sendable {
    var name: String
    /// Written in this order, so the same chart renders to the same bytes.
    var attributes: [(name: String, value: String)]
    var children: [SVGElement]
    /// Escaped text content; written before the children (charts use one or the other).
    var text: String?

    init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil,
         children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.0, value: $0.1) }
        self.children = children
        self.text = text
    }

    /// The element as XML; children go on lines of their own so diffs of charts stay readable,
    /// except inside `text`, where a line break would show as a space.
    func render() -> String {
        var output = ""
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + Self.escaped(attribute.value, inAttribute: true) + "\""
        }
        if text == nil && children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        if let text { output += Self.escaped(text, inAttribute: false) }
        let lines = text == nil && name != "text"
        for child in children {
            if lines { output += "\n" }
            child.render(into: &output)
        }
        if lines && !children.isEmpty { output += "\n" }
        output += "</" + name + ">"
    }

    /// `text` with the five XML specials as references, and characters XML 1.0 forbids even
    /// as references (control characters from log lines) replaced by U+FFFD, so any input
    /// yields a well-formed document. In attributes, tab and line breaks become references
    /// because parsers would otherwise fold them into spaces.
    static func escaped(_ text: String, inAttribute: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\r": output += "&#13;"
            case "\t" where inAttribute: output += "&#9;"
            case "\n" where inAttribute: output += "&#10;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && value != 0xFFFE && value != 0xFFFF
                output.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return output
    }
}

extension SVGElement {
    /// A whole SVG 1.1 file: namespace, `viewBox`, the generic `sans-serif` font, a `<title>`
    /// for screen readers and a white background, so it looks the same in a browser, on
    /// GitHub and as a ticket attachment, with nothing loaded from elsewhere.
    static func document(width: Double, height: Double, title: String, children: [SVGElement]) -> String {
        let w = ChartNumber.coordinate(width), h = ChartNumber.coordinate(height)
        let root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
            ("width", w), ("height", h), ("viewBox", "0 0 \(w) \(h)"),
            ("font-family", "sans-serif"), ("font-size", "11"),
        ], children: [
            SVGElement("title", text: title),
            SVGElement("rect", [("width", w), ("height", h), ("fill", "#ffffff")]),
        ] + children)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.render() + "\n"
    }

    /// A text node at (`x`, `y`) with optional extra attributes.
    static func label(_ text: String, x: Double, y: Double, _ extra: [(String, String)] = []) -> SVGElement {
        SVGElement("text", [("x", ChartNumber.coordinate(x)), ("y", ChartNumber.coordinate(y))] + extra, text: text)
    }

    /// The bold heading at the top left of a chart (class `title`).
    static func heading(_ text: String, x: Double) -> SVGElement {
        label(text, x: x, y: 22, [("class", "title"), ("font-size", "15"), ("font-weight", "bold"), ("fill", ChartPalette.text)])
    }
}
