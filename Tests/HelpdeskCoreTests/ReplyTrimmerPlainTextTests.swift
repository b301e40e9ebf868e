import HelpdeskCore
import Testing

/// Plain-text trimming: attributions per language, Outlook banners and header blocks, signatures.
@Suite struct ReplyTrimmerPlainTextTests {
    let trimmer = ReplyTrimmer()

    func trim(_ text: String) -> TrimResult { trimmer.trim(text: text, html: nil) }

    @Test(arguments: [
        ("On Mon, Jan 12, 2026 at 9:15 AM Support <support@maildesk.test> wrote:", "on-wrote:en"),
        ("On Mon, Jan 12, 2026 at 9:15 AM Support <\nsupport@maildesk.test> wrote:", "on-wrote:en"),
        ("Am 12.01.2026 um 09:15 schrieb Support <support@maildesk.test>:", "on-wrote:de"),
        ("Support <support@maildesk.test> schrieb am Mo., 12. Jan.\n2026 um 09:15 Uhr:", "on-wrote:de"),
        ("Le lun. 12 janv. 2026 à 09:15, Support <support@maildesk.test> a écrit :", "on-wrote:fr"),
        ("El lun, 12 ene 2026 a las 9:15, Support (<support@maildesk.test>) escribió:", "on-wrote:es"),
        ("Il giorno lun 12 gen 2026 alle ore 09:15 Support <support@maildesk.test> ha scritto:", "on-wrote:it"),
        ("Op ma 12 jan. 2026 om 09:15 schreef Support <support@maildesk.test>:", "on-wrote:nl"),
        ("Em seg., 12 de jan. de 2026 às 09:15, Support <support@maildesk.test> escreveu:", "on-wrote:pt"),
        ("пн, 12 янв. 2026 г. в 09:15, Support <support@maildesk.test>:", "on-wrote:date"),
        ("12 янв. 2026 г., в 09:15, Support <support@maildesk.test> написал(а):", "on-wrote:ru"),
        ("在 2026年1月12日 09:15，Support <support@maildesk.test> 写道：", "on-wrote:zh"),
        ("2026年1月12日(月) 9:15 Support <support@maildesk.test>:", "on-wrote:ja"),
        ("2026/01/12 9:15、Support <support@maildesk.test> のメール:", "on-wrote:ja"),
        ("Dnia 12 sty 2026 o godz. 09:15 Support <support@maildesk.test> napisał(a):", "on-wrote:pl"),
        ("Den 12. jan. 2026 kl. 09.15 skrev Support <support@maildesk.test>:", "on-wrote:nordic"),
    ])
    func attributionPerLanguage(header: String, marker: String) {
        let mail = "Thanks, it works now.\n\n\(header)\n\n> Please try again.\n> Support\n"
        let r = trim(mail)
        #expect(r.text == "Thanks, it works now.", "\(header)")
        #expect(r.marker == marker, "\(header)")
    }

    @Test(arguments: [
        ("-----Original Message-----", "original-message"),
        ("-----Ursprüngliche Nachricht-----", "original-message"),
        ("-----Mensaje original-----", "original-message"),
        ("-----Message d'origine-----", "original-message"),
        ("-----邮件原件-----", "original-message"),
        ("-----原始郵件-----", "original-message"),
        ("------------------ 原始邮件 ------------------", "original-message"),
        ("---------- Forwarded message ---------", "forwarded-message"),
    ])
    func outlookBanners(banner: String, marker: String) {
        let mail = "Please see below.\n\n\(banner)\nFrom: Someone\nSent: Monday\nSubject: Old\n\nOld text.\n"
        let r = trim(mail)
        #expect(r.text == "Please see below.")
        #expect(r.marker == marker)
    }

    @Test(arguments: [
        "From: A <a@x.test>\nSent: Monday, January 12, 2026 9:15 AM\nTo: B <b@x.test>\nSubject: Old",
        "Von: A <a@x.test>\nGesendet: Montag, 12. Januar 2026 09:15\nAn: B <b@x.test>\nBetreff: Alt",
        "De : A <a@x.test>\nEnvoyé : lundi 12 janvier 2026 09:15\nÀ : B <b@x.test>\nObjet : Ancien",
        "De: A <a@x.test>\nEnviado el: lunes, 12 de enero de 2026 9:15\nPara: B <b@x.test>\nAsunto: Viejo",
        "发件人: A <a@x.test>\n发送时间: 2026年1月12日 9:15\n收件人: B <b@x.test>\n主题: 旧",
        "差出人: A <a@x.test>\n送信日時: 2026年1月12日 9:15\n宛先: B <b@x.test>\n件名: 古い",
        "*From:* A <a@x.test>\n*Sent:* Monday\n*To:* B\n*Subject:* Old",
    ])
    func outlookHeaderBlocks(block: String) {
        let r = trim("New answer here.\n\n\(block)\n\nOld message body.\n")
        #expect(r.text == "New answer here.")
        #expect(r.marker == "original-message")
    }

    @Test func underscoreSeparatorBeforeHeaderBlock() {
        let r = trim("Done.\n________________________________\nFrom: A\nSent: Mon\nTo: B\nSubject: C\n\nOld\n")
        #expect(r.text == "Done.")
        #expect(r.marker == "original-message")
    }

    @Test(arguments: [
        "Sent from my iPhone", "从我的 iPhone 发送", "Von meinem iPhone gesendet", "Envoyé de mon iPhone",
        "Enviado desde mi iPhone", "Verzonden vanaf mijn iPhone", "Get Outlook for Android", "iPhoneから送信",
    ])
    func mobileSignatures(signature: String) {
        let r = trim("Yes, please close the ticket.\n\n\(signature)\n")
        #expect(r.text == "Yes, please close the ticket.")
        #expect(r.marker == "signature")
    }

    @Test func sentenceStartingLikeASignatureStays() {
        let r = trim("Sent from the admin panel, the export failed.\nFrom my point of view it is a bug.\n")
        #expect(r.text == "Sent from the admin panel, the export failed.\nFrom my point of view it is a bug.")
        #expect(r.marker == nil)
    }

    @Test func dashDashSignature() {
        let r = trim("See you.\n\n-- \nJane Doe\nACME Corp\n")
        #expect(r.text == "See you.")
        #expect(r.marker == "signature")
    }

    @Test func interleavedReplyKeepsQuotes() {
        let mail = "On Mon, Jan 12, 2026 at 9:15 AM Support <s@x.test> wrote:\n> Which version?\n\n2.4.1\n\n> Which OS?\n\nDebian 12\n"
        let r = trim(mail)
        #expect(r.text == "> Which version?\n\n2.4.1\n\n> Which OS?\n\nDebian 12")
    }

    @Test func trailingQuoteWithoutAttribution() {
        let r = trim("Sounds good.\n\n> earlier text\n> more\n")
        #expect(r.text == "Sounds good.")
        #expect(r.marker == "quote-prefix")
    }

    @Test func neverTrimsToNothing() {
        let quoteOnly = "On Mon, Jan 12, 2026 at 9:15 AM Support <s@x.test> wrote:\n> only a quote\n"
        let r = trim(quoteOnly)
        #expect(r.text == "On Mon, Jan 12, 2026 at 9:15 AM Support <s@x.test> wrote:\n> only a quote")
        #expect(r.marker == nil)
        #expect(trim("Sent from my iPhone").text == "Sent from my iPhone")
        #expect(trim("   \n\n").text == "")
    }

    @Test func untouchedTextHasNoMarker() {
        let r = trim("Hello,\n\nthe export fails since 2.4.\nOn Monday it still worked.\n")
        #expect(r.text == "Hello,\n\nthe export fails since 2.4.\nOn Monday it still worked.")
        #expect(r.marker == nil)
        #expect(r.keptLines == 4)
        #expect(r.totalLines == 4)
    }

    @Test func countsLines() {
        let r = trim("Line one\r\nLine two\r\n\r\nOn Mon, Jan 12, 2026 at 9:15 AM Bob <b@x.test> wrote:\r\n> q\r\n")
        #expect(r.text == "Line one\nLine two")
        #expect(r.keptLines == 2)
        #expect(r.totalLines == 5)
    }

    @Test func pathologicalInputIsFast() {
        var mail = "Top line.\n\n"
        for depth in 1...200 {
            mail += String(repeating: ">", count: depth) + " On Thu, Apr 30, 2020 at 10:07 AM, \"x\" <x@example.com> wrote:\n"
        }
        mail += String(repeating: "On On On 2020 <<<< @@@@ ---- wrote wrote ", count: 500) + "\n"
        let big = String(repeating: mail, count: 20)
        let r = trim(big)
        #expect(r.text.hasPrefix("Top line."))
    }
}
