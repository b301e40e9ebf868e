import Foundation
import MailMIME

/// What each input goes to, chosen once from env `FUZZ_MODE` so campaigns can be counted honestly:
/// `html` sends every input only to HTML → text; anything else (the default) parses every input as a
/// message and, with its first byte odd, also runs it through HTML → text.
enum FuzzMode {
    case mixed, html
    static let current: FuzzMode = ProcessInfo.processInfo.environment["FUZZ_MODE"] == "html" ? .html : .mixed
}

/// libFuzzer entry. Nothing may crash, hang or grow memory beyond the input.
/// Build and run (README "Fuzzing"):
///   swift build -c release --product fuzz-mime --sanitize=fuzzer --scratch-path .build-fuzz-rel -Xswiftc -DFUZZING
///   .build-fuzz-rel/release/fuzz-mime CORPUS -runs=10000000 -max_len=65536   # FUZZ_MODE=html for HTML → text only
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzMode.current {
    case .html:
        _ = HTMLText.text(fromHTML: String(decoding: bytes, as: UTF8.self))
    case .mixed:
        let message = MIMEParser().parse(bytes)
        _ = message.attachments.count
        if let first = bytes.first, first & 1 == 1 {
            _ = HTMLText.text(fromHTML: String(decoding: bytes, as: UTF8.self))
        }
    }
    return 0
}
#if !FUZZING
/// Without libFuzzer (plain `swift build`): replay files or folders of inputs, e.g. a crash reproducer.
@main
struct FuzzReplay {
    static func main() {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let bytes = [UInt8](data)
                bytes.withUnsafeBufferPointer { buffer in
                    _ = fuzzOneInput(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
                }
                count += 1
            }
        }
        print("replayed \(count) inputs without a crash")
    }
}
#endif
