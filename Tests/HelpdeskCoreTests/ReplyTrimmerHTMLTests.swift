import HelpdeskCore
import MailMIME
import Testing

/// HTML fingerprints of the common mail clients, removed in the DOM before rendering.
@Suite struct ReplyTrimmerHTMLTests {
    let trimmer = ReplyTrimmer()

    @Test(arguments: [
        ("<div dir=\"ltr\">New text</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Jan 12, 2026 Bob &lt;b@x.test&gt; wrote:</div><blockquote class=\"gmail_quote\">old</blockquote></div>",
         "gmail_quote"),
        ("<div>New text</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Bob</div><div>old</div>",
         "appendonsend"),
        ("<div>New text</div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Bob</div><div>old body</div><p>more old</p>",
         "divRplyFwdMsg"),
        ("<div class=\"WordSection1\"><p>New text</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p><b>From:</b> Bob<br><b>Sent:</b> Monday</p></div><p>old</p></div>",
         "border-top-from"),
        ("<body>New text<div><br><blockquote type=\"cite\"><div>old</div></blockquote></div></body>",
         "blockquote[type=cite]"),
        ("<p>New text</p><div class=\"moz-cite-prefix\">On 1/14/26 11:30 AM, Bob wrote:<br></div><blockquote cite=\"mid:x@y\">old</blockquote>",
         "moz-cite-prefix"),
        ("<div>New text</div><div class=\"yahoo_quoted\" id=\"yahoo_quoted_123\"><div>On Monday, Bob wrote:</div><div>old</div></div>",
         "yahoo_quoted"),
        ("<div>New text</div><div data-marker=\"__SIG_PRE__\">Jane</div><hr data-marker=\"__DIVIDER__\"><div data-marker=\"__HEADERS__\">From: Bob</div><div data-marker=\"__QUOTED_TEXT__\">old</div>",
         "zimbra:__QUOTED_TEXT__"),
        ("<div>New text</div><div id=\"mail-editor-reference-message-container\"><b>From:</b> Bob<p>old</p></div>",
         "mail-editor-reference-message-container"),
        ("<div>New text<br></div><div class=\"protonmail_quote\">On Monday, Bob wrote:<blockquote>old</blockquote></div>",
         "protonmail_quote"),
    ])
    func clientFingerprints(html: String, marker: String) {
        let r = trimmer.trim(text: "", html: html)
        #expect(r.text == "New text", "\(marker)")
        #expect(r.marker == marker)
        #expect(r.totalLines > r.keptLines)
    }

    @Test func signaturesOnly() {
        let gmail = trimmer.trim(text: "", html: "<div>New text</div><div class=\"gmail_signature\">Bob<br>ACME</div>")
        #expect(gmail.text == "New text")
        #expect(gmail.marker == "gmail_signature")
        let apple = trimmer.trim(text: "", html: "<div>New text</div><div id=\"AppleMailSignature\">Sent from my iPhone</div>")
        #expect(apple.text == "New text")
        #expect(apple.marker == "AppleMailSignature")
    }

    @Test func appleAttributionLeftInTextIsCut() {
        let html = "<body>Danke.<div><br><div>Am 16.01.2026 um 17:30 schrieb Support &lt;s@maildesk.test&gt;:</div><blockquote type=\"cite\">alt</blockquote></div></body>"
        let r = trimmer.trim(text: "", html: html)
        #expect(r.text == "Danke.")
        #expect(r.marker == "blockquote[type=cite]")
    }

    @Test func quoteOnlyHTMLFallsBack() {
        let html = "<blockquote type=\"cite\">only the forwarded text</blockquote>"
        let r = trimmer.trim(text: "", html: html)
        #expect(r.text == "only the forwarded text")
        #expect(r.marker == nil)
    }

    @Test func withoutFingerprintPlainTextWins() {
        let r = trimmer.trim(text: "New\n\n> old\n", html: "<p>New</p><p>old</p>")
        #expect(r.text == "New")
        #expect(r.marker == "quote-prefix")
    }

    @Test func stripperKeepsFullText() {
        let s = HTMLQuoteStripper.strip(html: "<p>New</p><div class=\"gmail_quote\">Old</div>")
        #expect(s.text == "New")
        #expect(s.fullText == "New\n\nOld" || s.fullText == "New\nOld")
        #expect(s.marker == "gmail_quote")
        #expect(HTMLQuoteStripper.text(fromHTML: "<p>Plain</p>") == ("Plain", nil))
    }
}
