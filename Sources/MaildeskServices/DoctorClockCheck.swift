import Foundation
import MailTransport

/// `doctor`'s clock check: IMAP has no time command, so the server's clock is read from what it
/// stamps — the INTERNALDATE of the newest message (RFC 3501 §2.3.3). A message the server received
/// after "now" by more than ``threshold`` means the local clock is behind (ticket dates, rate-limit
/// windows and Date headers would be wrong). A newest message from the past says little: the mailbox
/// may simply have had no mail since, so only a clock that is behind is detectable this way.
public enum DoctorClockCheck {
    /// Skew that fails the check: 5 minutes.
    public static let threshold: TimeInterval = 300

    /// The check line for the newest message's date (`nil`: empty mailbox) in `mailbox` at local time `now`.
    public static func evaluate(_ newest: IMAPInternalDate?, mailbox: String? = nil, now: Date) -> DoctorCheck {
        guard let newest else { return DoctorCheck("clock", ok: true, "no message to compare (mailbox empty)") }
        let server = Date(timeIntervalSince1970: TimeInterval(newest.secondsSince1970))
        let ahead = server.timeIntervalSince(now)
        let stamp = "newest message" + (mailbox.map { " in \($0)" } ?? "") + " (UID \(newest.uid)) received \(newest.text)"
        if ahead > threshold {
            return DoctorCheck("clock", ok: false, "local clock is \(describe(ahead)) behind the IMAP server's: "
                + "\(stamp), local time \(iso(now)); fix NTP (timedatectl)")
        }
        if ahead >= 0 {
            return DoctorCheck("clock", ok: true, "skew \(describe(ahead)) (\(stamp), local time \(iso(now)))")
        }
        return DoctorCheck("clock", ok: true, "not behind the IMAP server: \(stamp), \(describe(-ahead)) before local time \(iso(now))")
    }

    /// e.g. `12 s`, `7 min 30 s`, `3 h 5 min`, `2 d 4 h`.
    static func describe(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3_600 { return "\(s / 60) min \(s % 60) s" }
        if s < 86_400 { return "\(s / 3_600) h \(s % 3_600 / 60) min" }
        return "\(s / 86_400) d \(s % 86_400 / 3_600) h"
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
