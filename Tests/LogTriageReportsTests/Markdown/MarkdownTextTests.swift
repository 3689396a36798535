import Testing
@testable import LogTriageReports

extension MarkdownTests {
    @Suite("MarkdownText")
    struct TextTests {
        @Test(arguments: [
            ("*foo*_bar_<baz>", "\\*foo\\*\\_bar\\_\\<baz>"),
            ("snake_case and a * b", "snake_case and a * b"),
            ("2*3 <*> x <*>", "2\\*3 <\\*> x <\\*>"),
            ("__init__", "\\_\\_init\\_\\_"),
            ("`rm -rf`", "\\`rm -rf\\`"),
            ("[ok](http://x) ![i](j)", "\\[ok\\](http://x) ![i\\](j)"),
            ("see [ERROR] here", "see [ERROR] here"),
            ("C:\\temp\\ and \\*", "C:\\temp\\ and \\\\\\*"),
            ("trailing\\", "trailing\\\\"),
            ("&amp; &#123; AT&T", "\\&amp; \\&#123; AT&T"),
            ("HttpClientErrorException$Conflict", "HttpClientErrorException$Conflict"),
            ("A$B and C$D", "A\\$B and C\\$D"),
            ("~~strike~~", "\\~\\~strike\\~\\~"),
            ("<http://x> <a href> a < b", "\\<http://x> \\<a href> a < b"),
            ("one\ntwo\r\nthree", "one two three"),
        ])
        func inlineEscaping(_ text: String, _ expected: String) {
            #expect(MarkdownText.escaped(text) == expected)
        }

        /// In an image's description every bracket is escaped: an unbalanced `[` would open a
        /// link of its own and a `]` would end the description early.
        @Test(arguments: [
            ("a [l](u) b", "a \\[l\\](u) b"),
            ("only [ open", "only \\[ open"),
            ("x] and \\] y", "x\\] and \\\\\\] y"),
            ("<b>\nnext", "\\<b> next"),
        ])
        func linkTextEscapesEveryBracket(_ text: String, _ expected: String) {
            #expect(MarkdownText.linkText(text) == expected)
        }

        @Test(arguments: [
            ("# title", "\\# title"), ("> quote", "\\> quote"), ("- item", "\\- item"), ("+ item", "\\+ item"),
            ("* item", "\\* item"), ("1. first", "1\\. first"), ("2026) year", "2026\\) year"), ("---", "\\---"),
            ("- - -", "\\- - -"), ("[x] done", "\\[x] done"), ("    indented", "indented"),
            ("-1 degrees", "-1 degrees"), ("+1", "+1"), ("1.5 s", "1.5 s"), ("C#", "C#"),
        ])
        func blockStartsAreEscapedOnlyAtLineStart(_ text: String, _ expected: String) {
            #expect(MarkdownText.escaped(text) == expected)
        }

        @Test(arguments: ["# of calls", "> 5 s", "- 3", "+ 1", "1. first", "---", "[x] done", "    indented"])
        func elsewhereLineStartCharactersStay(_ text: String) {
            #expect(MarkdownText.escaped(text, atLineStart: false) == text)
            #expect(MarkdownText.escaped("x " + text) == "x " + text)
        }

        @Test(arguments: [
            ("plain", "`plain`"),
            ("a `b` c", "``a `b` c``"),
            ("``double`` and `single`", "``` ``double`` and `single` ```"),
            ("`edge", "`` `edge ``"),
            ("edge`", "`` edge` ``"),
            (" spaced ", "`  spaced  `"),
            ("   ", "`   `"),
            ("two\nlines", "`two lines`"),
            ("", ""),
        ])
        func codeSpans(_ text: String, _ expected: String) {
            #expect(MarkdownText.code(text) == expected)
        }

        @Test func codeSpanFenceIsLongerThanAnyRunInside() {
            for run in 1...6 {
                let text = "a" + String(repeating: "`", count: run) + "b"
                let span = MarkdownText.code(text)
                let fence = span.prefix(while: { $0 == "`" }).count
                #expect(fence == run + 1)
                #expect(span.dropFirst(fence).dropLast(fence) == text[...])
            }
        }

        @Test func codeBlocksChooseAFenceNoLineCanClose() {
            #expect(MarkdownText.codeBlock("let x = 1", language: "swift") == "```swift\nlet x = 1\n```\n")
            #expect(MarkdownText.codeBlock("```\ninside\n```\n") == "````\n```\ninside\n```\n````\n")
            #expect(MarkdownText.codeBlock("a ````` b", language: "te`xt x") == "``````textx\na ````` b\n``````\n")
            #expect(MarkdownText.codeBlock("") == "```\n```\n")
        }

        @Test func headings() {
            #expect(MarkdownText.heading("Errors this week", level: 2) == "## Errors this week\n")
            #expect(MarkdownText.heading("*new* clusters", level: 0) == "# \\*new\\* clusters\n")
            #expect(MarkdownText.heading("Ticket ##", level: 9) == "###### Ticket \\##\n")
            #expect(MarkdownText.heading("###", level: 3) == "### \\###\n")
            #expect(MarkdownText.heading("C#", level: 3) == "### C#\n")
            #expect(MarkdownText.heading("two\nlines", level: 1) == "# two lines\n")
        }

        @Test func bulletLists() {
            let items = [MarkdownText.code("C1") + " " + MarkdownText.escaped("rose 3×"), "two\nlines"]
            #expect(MarkdownText.bulletList(items) == "- `C1` rose 3×\n- two\n  lines\n")
            #expect(MarkdownText.bulletList([]) == "")
        }
    }
}
