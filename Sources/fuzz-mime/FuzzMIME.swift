import Foundation
import MailMIME

/// libFuzzer entry: every input is parsed as a message and, with its first byte odd, also run
/// through HTML → text. Nothing may crash, hang or grow memory beyond the input.
/// Build and run (README "Fuzzing"):
///   swift build --product fuzz-mime -c debug --sanitize=fuzzer --sanitize=address \
///     --scratch-path .build-fuzz -Xswiftc -DFUZZING
///   .build-fuzz/debug/fuzz-mime fuzz/corpus/mime -max_total_time=60
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let message = MIMEParser().parse(bytes)
    _ = message.attachments.count
    if let first = bytes.first, first & 1 == 1 {
        _ = HTMLText.text(fromHTML: String(decoding: bytes, as: UTF8.self))
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
