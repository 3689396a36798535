/// How attribute and event-type names are written in NRQL.
enum NRQLName {
    /// Words the parser reads as keywords in some position; a name spelled like one is
    /// printed in backticks so it parses back as a name.
    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "FACET", "AND", "OR", "NOT", "LIKE", "IN", "IS", "NULL", "TRUE", "FALSE",
        "SINCE", "UNTIL", "LIMIT", "TIMESERIES", "COMPARE", "WITH", "AS", "ORDER", "BY", "SLIDE",
        "EXTRAPOLATE", "JOIN", "SHOW", "RAW", "RLIKE",
    ]

    static func isStart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_" || scalar == "$"
    }

    static func isPart(_ scalar: Unicode.Scalar) -> Bool {
        isStart(scalar) || (scalar >= "0" && scalar <= "9") || scalar == "."
    }

    /// The name as NRQL text: bare when the lexer would read it back as one word that is
    /// not a keyword, else in backticks (a backtick inside doubled).
    static func quoted(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        if let first = scalars.first, isStart(first), scalars.allSatisfy(isPart), scalars.last != ".",
           !reserved.contains(name.uppercased()) {
            return name
        }
        return "`" + name.replacing("`", with: "``") + "`"
    }
}
