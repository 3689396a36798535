/// A key and its value in a generated record; records keep their fields in order so the
/// output does not depend on dictionary iteration.
struct SampleField {
    let key: StaticString
    let value: SampleValue

    init(_ key: StaticString, _ value: SampleValue) {
        self.key = key
        self.value = value
    }

    init(_ key: StaticString, _ text: String) {
        self.init(key, .string(text))
    }

    init(_ key: StaticString, _ number: Int) {
        self.init(key, .integer(Int64(number)))
    }
}
