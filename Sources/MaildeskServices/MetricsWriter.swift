import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the `[metrics] textfile` for node-exporter's textfile collector in the Prometheus text
/// exposition format, atomically: the text goes to a temporary file in the same directory (a name
/// not ending in `.prom`, so the collector never reads it half-written), is flushed, made
/// world-readable and renamed over the target.
///
/// - SeeAlso: Prometheus "Exposition formats" (text format 0.0.4: `# HELP`, `# TYPE`, samples);
///   rename(2) (atomic replacement within one file system).
public struct MetricsWriter: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Renders and atomically replaces the textfile.
    public func write(_ snapshot: MetricsSnapshot) throws {
        try Self.atomicWrite(Array(Self.render(snapshot).utf8), to: path)
    }

    /// The exposition text: one HELP and TYPE line per metric family, then its samples.
    public static func render(_ snapshot: MetricsSnapshot) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name)\(sample.labels) \(sample.value)\n" }
        }
        family("maildesk_messages_ingested_total", "counter",
               "Messages fetched and recorded by ingest (ticket entries, duplicates and quarantined).",
               [("", "\(snapshot.ingestedTotal)")])
        family("maildesk_tickets", "gauge", "Tickets by status.",
               snapshot.ticketsByStatus.keys.sorted().map { status in
                   ("{status=\"\(escapeLabel(status))\"}", "\(snapshot.ticketsByStatus[status] ?? 0)")
               })
        family("maildesk_outbox_depth", "gauge", "Outgoing mails waiting for delivery (queued or being sent).",
               [("", "\(snapshot.outboxDepth)")])
        family("maildesk_outbox_failed_total", "counter", "Outgoing mails that failed permanently.",
               [("", "\(snapshot.outboxFailed)")])
        family("maildesk_poll_duration_seconds", "gauge", "Duration of the last poll of the mail source.",
               [("", number(snapshot.pollDurationSeconds))])
        family("maildesk_quarantine_size", "gauge", "Quarantined messages still held.",
               [("", "\(snapshot.quarantineSize)")])
        family("maildesk_last_poll_timestamp_seconds", "gauge", "Unix time when the last poll finished.",
               [("", number(snapshot.lastPollTimestamp))])
        return out
    }

    /// A float sample value; Prometheus accepts Go's `ParseFloat` syntax, which covers Swift's output.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6f", value)
    }

    /// HELP text: backslash and line feed are escaped.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Label values: backslash, double quote and line feed are escaped.
    static func escapeLabel(_ text: String) -> String {
        escapeHelp(text).replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Writes `bytes` to `<path>.<pid>.tmp`, fsyncs, sets mode 0644 and renames it over `path`.
    static func atomicWrite(_ bytes: [UInt8], to path: String) throws {
        let temporary = "\(path).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let error = failure("cannot write \(temporary)")
                close(fd)
                unlink(temporary)
                throw error
            }
            written += n
        }
        fchmod(fd, 0o644)
        fsync(fd)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }

    static func failure(_ what: String) -> MetricsError {
        MetricsError(description: "metrics textfile: \(what): \(String(cString: strerror(errno)))")
    }

    /// Writing the textfile failed (logged; the daemon carries on).
    public struct MetricsError: Error, CustomStringConvertible {
        public var description: String
    }
}
