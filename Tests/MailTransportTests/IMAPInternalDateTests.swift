@testable import MailTransport
import Testing

/// RFC 3501 `date-time` (INTERNALDATE) and the FETCH lines that carry it.
struct IMAPInternalDateTests {
    @Test(arguments: [
        ("01-Jan-1970 00:00:00 +0000", Int64(0)),
        ("01-Dec-2026 07:50:00 +0000", Int64(1_796_111_400)),
        (" 1-Dec-2026 08:50:00 +0100", Int64(1_796_111_400)),
        ("30-Nov-2026 21:20:00 -1030", Int64(1_796_111_400)),
        ("29-Feb-2024 12:00:00 +0000", Int64(1_709_208_000)),
        ("31-dec-1999 23:59:59 +0000", Int64(946_684_799)),
        ("17-Jul-1996 02:44:25 -0700", Int64(837_596_665)),
    ])
    func parsesDateTime(_ text: String, _ expected: Int64) {
        #expect(IMAPInternalDate.seconds(fromDateTime: text) == expected)
    }

    @Test(arguments: [
        "", "1-Dec-2026 07:50:00 +0000", "01-Dec-2026 07:50:00", "01-Dcm-2026 07:50:00 +0000",
        "29-Feb-2025 12:00:00 +0000", "32-Jan-2026 00:00:00 +0000", "01-Jan-2026 24:00:00 +0000",
        "01-Jan-2026 00:60:00 +0000", "01-Jan-2026 00:00:00 +0060", "01-Jan-2026 00:00:00 *0000",
        "01-Jan-2026T00:00:00 +0000", "0x-Jan-2026 00:00:00 +0000",
    ])
    func rejectsMalformedDateTime(_ text: String) {
        #expect(IMAPInternalDate.seconds(fromDateTime: text) == nil)
    }

    @Test func readsUIDAndDateFromFetchLinesInAnyOrder() {
        let body = Array("""
            * 3 FETCH (UID 17 INTERNALDATE "01-Dec-2026 07:50:00 +0000")\r
            * 4 fetch (internaldate " 2-Dec-2026 07:50:00 +0000" uid 18 FLAGS (\\Seen))\r
            * 5 FETCH (FLAGS (\\Seen))\r
            * 6 FETCH (UID 19 INTERNALDATE "garbage")\r
            * OK [UIDNEXT 20] INTERNALDATE "01-Dec-2026 07:50:00 +0000"\r

            """.utf8)
        let dates = IMAPResponseParser.internalDates(body)
        #expect(dates == [
            IMAPInternalDate(uid: 17, secondsSince1970: 1_796_111_400, text: "01-Dec-2026 07:50:00 +0000"),
            IMAPInternalDate(uid: 18, secondsSince1970: 1_796_197_800, text: " 2-Dec-2026 07:50:00 +0000"),
        ])
    }
}
