import HelpdeskCore
import MailMIME
import Testing

@Suite struct SubjectTagTests {
    @Test(arguments: [
        ("Re: [#12] Login broken", [Int64(12)]),
        ("[#3] and [#4]", [3, 4]),
        ("[#] nothing", []),
        ("[#12a] not a tag", []),
        ("price [#7]", [7]),
        ("#12 without brackets", []),
    ])
    func findsTags(subject: String, expected: [Int64]) {
        #expect(SubjectTag().ticketIDs(in: subject) == expected)
    }

    @Test func customPrefix() {
        let tag = SubjectTag(prefix: "ACME-")
        #expect(tag.tag(for: 9) == "[ACME-9]")
        #expect(tag.ticketIDs(in: "AW: [ACME-9] Rechnung") == [9])
        #expect(tag.ticketIDs(in: "[#9] Rechnung").isEmpty)
    }

    @Test func tagsOnce() {
        let tag = SubjectTag()
        #expect(tag.taggedSubject("Login broken", ticketID: 5) == "[#5] Login broken")
        #expect(tag.taggedSubject("Re: [#5] Login broken", ticketID: 5) == "Re: [#5] Login broken")
        #expect(tag.taggedSubject("  ", ticketID: 5) == "[#5]")
    }
}

@Suite struct MessageIDSignerTests {
    let signer = MessageIDSigner(secret: Array(repeating: 7, count: 32), domain: "Maildesk.Test")

    @Test func roundTrip() {
        let id = signer.make(ticketID: 42)
        #expect(id.hasSuffix("@maildesk.test"))
        #expect(signer.verify(id) == 42)
        #expect(signer.verify("<\(id)>") == 42)
    }

    @Test func rejectsTamperingAndOtherKeys() {
        let id = signer.make(ticketID: 42)
        let forged = id.replacingOccurrences(of: "md.42.", with: "md.43.")
        #expect(signer.verify(forged) == nil)
        let other = MessageIDSigner(secret: Array(repeating: 8, count: 32), domain: "maildesk.test")
        #expect(other.verify(id) == nil)
        #expect(signer.verify("CAF00@mail.gmail.com") == nil)
    }
}

@Suite struct TemplateAndRetryTests {
    @Test func rendersPlaceholders() {
        let text = TemplateRenderer().render("Hi {{ customer.name }}, ticket {{ticket.tag}} {{unknown}} {{", values: [
            "customer.name": "Ana", "ticket.tag": "[#1]",
        ])
        #expect(text == "Hi Ana, ticket [#1] {{unknown}} {{")
    }

    @Test func backoffGrowsAndGivesUp() {
        let policy = RetryPolicy(baseSeconds: 60, maxSeconds: 3600, maxAttempts: 4, jitter: 0)
        #expect(policy.delay(afterAttempts: 1) == 60)
        #expect(policy.delay(afterAttempts: 2) == 120)
        #expect(policy.delay(afterAttempts: 3) == 240)
        #expect(policy.delay(afterAttempts: 4) == nil)
        #expect(RetryPolicy(maxAttempts: 100, jitter: 0).delay(afterAttempts: 50) == 3600)
    }

    @Test func jitterShortensEachDelayByAtMostItsShare() {
        let policy = RetryPolicy(baseSeconds: 60, maxSeconds: 3600, maxAttempts: 20, jitter: 0.25)
        #expect(policy.delay(afterAttempts: 3, random: 0) == 240)
        #expect(policy.delay(afterAttempts: 3, random: 0.5) == 210)
        #expect(policy.delay(afterAttempts: 3, random: 1) == 180)
        #expect(policy.delay(afterAttempts: 15, random: 0.5) == 3600 * 0.875)  // the cap, jittered too
        let spread = Set((0..<50).map { _ in policy.delay(afterAttempts: 2)! })
        #expect(spread.count > 1)
        #expect(spread.allSatisfy { $0 > 90 && $0 <= 120 })
    }
}

@Suite struct MailClassifierTests {
    func classify(_ headers: [String], trusted: String? = "mx.maildesk.test", from: String = "ana@customer.test") -> MailClassification {
        let text = (["From: \(from)", "To: support@maildesk.test", "Subject: hi"] + headers + ["", "body", ""])
            .joined(separator: "\r\n")
        return MailClassifier(trustedAuthservID: trusted).classify(MIMEParser().parse(Array(text.utf8)))
    }

    @Test func outOfOfficeSubjectsWithoutHeadersAreAutoReplies() {
        for subject in ["Automatic reply: [#4] Router", "Abwesenheitsnotiz: Rechnung", "自动回复: 发票", "Out of Office: back Monday"] {
            let text = "From: alice@example.test\r\nTo: support@maildesk.test\r\nSubject: \(subject)\r\n\r\nI am away.\r\n"
            let result = MailClassifier().classify(MIMEParser().parse(Array(text.utf8)))
            #expect(result.mailClass == .autoReply, "\(subject)")
        }
        let person = "From: ana@customer.test\r\nSubject: Out of office settings do not save\r\n\r\nHelp\r\n"
        #expect(MailClassifier().classify(MIMEParser().parse(Array(person.utf8))).mailClass == .human)
    }

    @Test(arguments: [
        (["Auto-Submitted: auto-replied"], MailClass.autoReply),
        (["Auto-Submitted: no"], .human),
        (["X-Auto-Response-Suppress: All"], .autoReply),
        (["Precedence: bulk"], .bulk),
        (["List-Unsubscribe: <mailto:u@lists.test>"], .bulk),
        (["Return-Path: <>"], .bulk),
        (["X-Loop: support@other.test"], .autoReply),
        (["X-Spam-Flag: YES"], .spam),
        (["X-Spam-Status: Yes, score=9.1"], .spam),
        (["X-Spam-Status: No, score=0.1"], .human),
        (["Authentication-Results: mx.maildesk.test; dmarc=fail header.from=customer.test"], .spam),
        (["Authentication-Results: other.example; dmarc=fail header.from=customer.test"], .human),
        (["Authentication-Results: mx.maildesk.test; dmarc=pass header.from=customer.test"], .human),
    ])
    func classifies(headers: [String], expected: MailClass) {
        #expect(classify(headers).mailClass == expected)
    }

    @Test func dmarcIsIgnoredWithoutTrustedAuthserv() {
        #expect(classify(["Authentication-Results: mx.maildesk.test; dmarc=fail"], trusted: nil).mailClass == .human)
    }

    @Test func machineSenders() {
        #expect(classify([], from: "MAILER-DAEMON@x.test").mailClass == .bulk)
        #expect(classify([], from: "no-reply+news@shop.test").mailClass == .bulk)
    }
}
