import Testing
@testable import LogTriageReports
import LogTriageReportsTestSupport

extension ChartTests {
    @Suite struct SVGElementTests {
        @Test func escapesTheFiveSpecialsInTextAndAttributes() {
            let element = SVGElement("text", [("class", "a<b>&\"c'")], text: "<&>\"'")
            #expect(element.render() == "<text class=\"a&lt;b&gt;&amp;&quot;c&#39;\">&lt;&amp;&gt;&quot;&#39;</text>")
        }

        @Test func entityLookingInputIsEscapedAgain() {
            #expect(SVGElement.escaped("&lt; &#39;", inAttribute: false) == "&amp;lt; &amp;#39;")
        }

        @Test func controlCharactersBecomeReplacementCharacters() {
            #expect(SVGElement.escaped("a\u{0}b\u{1B}c\u{FFFF}", inAttribute: false) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
            #expect(SVGElement.escaped("a\tb\nc\rd", inAttribute: false) == "a\tb\nc&#13;d")
            #expect(SVGElement.escaped("a\tb\nc", inAttribute: true) == "a&#9;b&#10;c")
        }

        @Test func attributesKeepTheirOrderAndEmptyElementsSelfClose() {
            let element = SVGElement("g", [("z", "1"), ("a", "2")], children: [SVGElement("rect", [("b", "3"), ("a", "4")])])
            #expect(element.render() == "<g z=\"1\" a=\"2\">\n<rect b=\"3\" a=\"4\"/>\n</g>")
        }

        @Test func textChildrenStayOnOneLine() {
            let element = SVGElement("text", children: [SVGElement("tspan", text: "a"), SVGElement("tspan", text: "b")])
            #expect(element.render() == "<text><tspan>a</tspan><tspan>b</tspan></text>")
        }

        @Test func hostileTextAndAttributesReadBackUnchanged() throws {
            let xml = SVGElement.document(width: 10, height: 10, title: ChartWeek.hostile, children: [
                SVGElement("text", [("class", "probe"), ("data", "q\"'<>&\n\t")], text: ChartWeek.hostile),
            ])
            let root = try ParsedSVG.chart(xml)
            let probe = try #require(root.elements(class: "probe").first)
            #expect(probe.text == ChartWeek.hostileReadBack)
            #expect(probe.attributes["data"] == "q\"'<>&\n\t")
            #expect(root.elements(named: "title").first?.text == ChartWeek.hostileReadBack)
        }

        @Test func documentHasTheSVGNamespaceAndViewBox() throws {
            let root = try ParsedSVG.chart(SVGElement.document(width: 120, height: 24.5, title: "t", children: []))
            #expect(root.attributes["viewBox"] == "0 0 120 24.5")
        }
    }
}
