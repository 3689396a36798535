import Testing
import LogTriageTestSupport

extension Clusters {
    @Suite struct CSVReaderTests {
        @Test func quotedFieldsWithCommasQuotesAndNewlines() {
            let rows = LoghubCSV.rows("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\r\n")
            #expect(rows == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""]])
        }

        @Test func groupingAccuracyCountsOnlyExactGroups() {
            // Truth {0,1} {2}; predicted {0} {1,2}: no line is grouped exactly.
            #expect(GroupingAccuracy.compute(predicted: [1, 2, 2], truth: ["a", "a", "b"]) == 0)
            #expect(GroupingAccuracy.compute(predicted: [7, 7, 9], truth: ["a", "a", "b"]) == 1)
            // Truth {0,1} {2} {3}; predicted {0,1} {2,3}: lines 0 and 1 are right.
            #expect(GroupingAccuracy.compute(predicted: [1, 1, 2, 2], truth: ["a", "a", "b", "c"]) == 0.5)
        }
    }
}
