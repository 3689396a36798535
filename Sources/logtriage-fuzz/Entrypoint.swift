import Foundation

#if FUZZING
/// libFuzzer's entry: built by `make fuzz` with `-sanitize=fuzzer,address -D FUZZING`.
@_cdecl("LLVMFuzzerTestOneInput")
public func logTriageFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<module>_main`; it hands over to libFuzzer's driver.
@_cdecl("logtriage_fuzz_main")
public func logTriageFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in logTriageFuzzOneInput(data, size) }
}
#else
/// Without the fuzzer: replays saved inputs (`logtriage-fuzz TARGET FILE|DIR…`), as the
/// regression test does with `Fuzz/Regressions/`.
@main
enum ReplayDriver {
    static func main() throws {
        var arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.popFirst(), let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(
                "usage: logtriage-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE|DIR...\n".utf8))
            exit(64)
        }
        var replayed = 0
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map { argument + "/" + $0 }
                : [argument]
            for file in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                data.withUnsafeBytes { target.run($0) }
                replayed += 1
            }
        }
        print("replayed \(replayed) input(s) through \(target.rawValue)")
    }
}
#endif
