import Foundation
import MaildeskStore

extension Doctor {
    /// `[retention]`: the days of each kind and how much is past its cutoff and not removed yet. Runs after
    /// every poll, so more than a day's worth of backlog means the sweep is not keeping up (or `run` is
    /// not running): a failure (docs/admin-guide.md#retention).
    public func retentionCheck() async -> DoctorCheck {
        let kinds = MaildeskApp.retentionDays(app.configuration.retention)
        guard !kinds.isEmpty else { return DoctorCheck("retention", ok: true, "off (everything is kept)") }
        let now = self.now()
        do {
            // One read for every kind: how much waits now, and how much waited a day ago already.
            let counts = try await app.database.writer.read { db in
                try kinds.map { kind, days in
                    let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                    return (try RetentionSweep.pending(db, kind, cutoff: cutoff),
                            try RetentionSweep.pending(db, kind, cutoff: cutoff.addingTimeInterval(-86_400)))
                }
            }
            let late = counts.contains { $0.1 > 0 }
            let parts = zip(kinds, counts).map { "\($0.0.rawValue) \($0.1) d (\($1.0) waiting)" }
            let detail = parts.joined(separator: ", ")
            return DoctorCheck("retention", ok: !late, late ? detail + "; some are more than a day overdue: is `maildesk run` running?" : detail)
        } catch {
            return DoctorCheck("retention", ok: false, "cannot read what retention has left: \(error)")
        }
    }
}
