import Foundation
import MailTransport
import MaildeskServices
import Testing

/// `doctor`'s clock check against an injected local time: fails when the IMAP server received the
/// newest message more than 5 minutes "in the future".
struct DoctorClockCheckTests {
    static let now = Date(timeIntervalSince1970: 1_796_111_400) // 2026-12-01T07:50:00Z

    func check(serverAhead seconds: Int64) -> DoctorCheck {
        let stamp = IMAPInternalDate(uid: 7, secondsSince1970: 1_796_111_400 + seconds, text: "(server text)")
        return DoctorClockCheck.evaluate(stamp, now: Self.now)
    }

    @Test func smallSkewPasses() {
        let result = check(serverAhead: 12)
        #expect(result.ok)
        #expect(result.line == "ok clock: skew 12 s (newest message (UID 7) received (server text), local time 2026-12-01T07:50:00Z)")
    }

    @Test func exactlyFiveMinutesPassesAndOneSecondMoreFails() {
        #expect(check(serverAhead: 300).ok)
        let result = check(serverAhead: 301)
        #expect(!result.ok)
        #expect(result.line.hasPrefix("FAIL clock: local clock is 5 min 1 s behind the IMAP server's"), "\(result.line)")
    }

    @Test func aLargeSkewIsNamed() {
        let result = check(serverAhead: 2 * 3_600 + 5 * 60)
        #expect(!result.ok)
        #expect(result.detail.contains("2 h 5 min behind"), "\(result.detail)")
        #expect(result.detail.contains("UID 7"))
    }

    @Test func anOlderNewestMessageOnlyShowsTheClockIsNotBehind() {
        let result = check(serverAhead: -3 * 86_400)
        #expect(result.ok)
        #expect(result.detail.hasPrefix("not behind the IMAP server:"))
        #expect(result.detail.contains("3 d 0 h before local time"))
    }

    @Test func theMailboxIsNamedWhenGiven() {
        let stamp = IMAPInternalDate(uid: 3, secondsSince1970: 1_796_111_400 + 400, text: "t")
        let result = DoctorClockCheck.evaluate(stamp, mailbox: "Processed", now: Self.now)
        #expect(!result.ok)
        #expect(result.detail.contains("newest message in Processed (UID 3) received t"), "\(result.detail)")
    }

    @Test func anEmptyMailboxIsOK() {
        let result = DoctorClockCheck.evaluate(nil, now: Self.now)
        #expect(result.line == "ok clock: no message to compare (mailbox empty)")
    }
}
