/// Names handed out once each: a name already taken gets a numbered variant (2, 3, …), so
/// conditions or resources that share a name stay apart in a report and in Terraform.
package struct UniqueNames {
    private var used: Set<String> = []

    package init() {}

    /// `name` if it is free, else the first free `variant(name, n)` for n = 2, 3, …
    package mutating func claim(_ name: String, variant: (String, Int) -> String) -> String {
        var candidate = name
        var suffix = 2
        while used.contains(candidate) {
            candidate = variant(name, suffix)
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }
}
