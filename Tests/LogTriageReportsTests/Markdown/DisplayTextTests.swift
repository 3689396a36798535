import Testing
@testable import LogTriageReports
import LogTriageTestSupport

extension MarkdownTests {
    @Suite("DisplayText")
    struct WidthTests {
        @Test(arguments: [
            ("", 0), ("abc", 3), ("é", 1), ("e\u{301}", 1), ("漢字", 4), ("ｆｕｌｌ", 8), ("🚀", 2), ("👍🏽", 2),
            ("👩‍💻", 2), ("🇩🇪", 2), ("❤️", 2), ("a\u{200B}b", 2), ("…", 1),
        ])
        func widths(_ text: String, _ expected: Int) {
            #expect(DisplayText.width(of: text) == expected)
        }

        @Test(arguments: [
            ("short", 10, "short"), ("exactly10!", 10, "exactly10!"), ("Failed to sync invoice", 10, "Failed to…"),
            ("Failed to sync", 7, "Failed…"), ("abc", 1, "…"), ("abc", 0, ""), ("abc", -3, ""),
            ("漢字テキスト", 5, "漢字…"), ("漢字テキスト", 6, "漢字…"), ("🚀🚀🚀", 4, "🚀…"),
        ])
        func shortening(_ text: String, _ width: Int, _ expected: String) {
            #expect(DisplayText.shortened(text, to: width) == expected)
        }

        @Test func shorteningNeverExceedsTheWidthNorSplitsACharacter() {
            var generator = SplitMix64(seed: 3)
            let pieces: [Character] = ["a", " ", "é", "e\u{301}", "a\u{308}\u{301}", "漢", "🚀", "👍🏽", "👩‍💻", "🇩🇪", "❤️", "\u{200B}"]
            for _ in 0..<500 {
                let characters = (0..<generator.int(0...30)).map { _ in pieces[generator.int(0...(pieces.count - 1))] }
                let text = String(characters)
                let width = generator.int(0...25)
                let short = DisplayText.shortened(text, to: width)
                #expect(DisplayText.width(of: short) <= max(0, width), "\(text.debugDescription) to \(width)")
                if short == text || width == 0 { continue }
                #expect(short.hasSuffix("…") && short.filter { $0 == "…" }.count == 1)
                // What is kept is a run of whole characters from the start of the text.
                let kept = Array(short.dropLast())
                #expect(Array(characters.prefix(kept.count)) == kept, "\(text.debugDescription) → \(short.debugDescription)")
            }
        }
    }
}
