import Foundation
import HelpdeskCore
import MailMIME

/// What each input goes to, chosen once from env `FUZZ_MODE` so campaigns can be counted honestly:
/// `html` sends every input only to HTML → text; `structure` only to the structure-only parse;
/// `trim` only to reply trimming (the input as a plain-text body, and as an HTML body); anything else
/// (the default) parses every input as a message and, by the bits of its first byte, also runs it
/// through HTML → text (bit 0), the structure-only parse (bit 1) and reply trimming of the parsed
/// text (bit 2).
enum FuzzMode {
    case mixed, html, structure, trim
    static let current: FuzzMode = switch ProcessInfo.processInfo.environment["FUZZ_MODE"] {
    case "html": .html
    case "structure": .structure
    case "trim": .trim
    default: .mixed
    }
}

/// libFuzzer entry. Nothing may crash, hang or grow memory beyond the input.
/// Build and run (docs/fuzzing.md#running-a-campaign):
///   swift build -c release --product fuzz-mime --sanitize=fuzzer --scratch-path .build-fuzz-rel -Xswiftc -DFUZZING
///   .build-fuzz-rel/release/fuzz-mime CORPUS -runs=10000000 -max_len=65536   # FUZZ_MODE=html|structure|trim
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzMode.current {
    case .html:
        _ = HTMLText.text(fromHTML: String(decoding: bytes, as: UTF8.self))
    case .structure:
        _ = MIMEParser(options: structureOnly).parse(bytes).defects.count
    case .trim:
        let text = String(decoding: bytes, as: UTF8.self)
        _ = ReplyTrimmer().trim(text: text, html: nil).text
        _ = ReplyTrimmer().trim(text: "", html: text).text
    case .mixed:
        let message = MIMEParser().parse(bytes)
        _ = message.attachments.count
        let first = bytes.first ?? 0
        if first & 1 == 1 { _ = HTMLText.text(fromHTML: String(decoding: bytes, as: UTF8.self)) }
        if first & 2 == 2 { _ = MIMEParser(options: structureOnly).parse(bytes).defects.count }
        if first & 4 == 4 { _ = ReplyTrimmer().trim(text: message.text ?? "", html: message.html).text }
    }
    return 0
}

let structureOnly: MIMEParserOptions = {
    var options = MIMEParserOptions()
    options.structureOnly = true
    return options
}()

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
