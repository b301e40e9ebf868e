/// Buffers that libcurl's C callbacks fill or drain during one transfer.
/// Reached from C through an unretained pointer owned by `CurlEasy`.
final class CurlTransferBuffers {
    /// Keeps the tail of incoming reply text bounded (a SEARCH reply can be long).
    static let replyLimit = 64 * 1024

    var body: [UInt8] = []
    private var upload: [UInt8] = []
    private var uploadOffset = 0
    private var replies: [UInt8] = []

    func reset(upload: [UInt8]) {
        body = []
        self.upload = upload
        uploadOffset = 0
        replies = []
    }

    func readUpload(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(destination.count, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[uploadOffset..<(uploadOffset + count)]))
        }
        uploadOffset += count
        return count
    }

    func appendReply(_ bytes: UnsafeRawBufferPointer) {
        replies.append(contentsOf: bytes)
        if replies.count > 2 * Self.replyLimit {
            replies.removeFirst(replies.count - Self.replyLimit)
        }
    }

    func replyLines() -> [[UInt8]] { ReplyLines.split(replies) }
}
