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
            var parts: [String] = []
            var late = false
            for (kind, days) in kinds {
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                let pending = try await app.database.writer.read { try RetentionSweep.pending($0, kind, cutoff: cutoff) }
                let overdue = try await app.database.writer.read {
                    try RetentionSweep.pending($0, kind, cutoff: cutoff.addingTimeInterval(-86_400))
                }
                late = late || overdue > 0
                parts.append("\(kind.rawValue) \(days) d (\(pending) waiting)")
            }
            let detail = parts.joined(separator: ", ")
            return DoctorCheck("retention", ok: !late, late ? detail + "; some are more than a day overdue: is `maildesk run` running?" : detail)
        } catch {
            return DoctorCheck("retention", ok: false, "cannot read what retention has left: \(error)")
        }
    }
}
