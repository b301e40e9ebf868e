import Foundation
import HelpdeskCore
import MailMIME
import Testing

/// The crafted client replies in fixtures/mail, parsed by MailMIME and trimmed.
@Suite struct ReplyTrimmerFixtureTests {
    static let mailDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/mail")

    func parse(_ name: String) throws -> ParsedMessage {
        let data = try Data(contentsOf: Self.mailDir.appendingPathComponent(name))
        return MIMEParser().parse([UInt8](data))
    }

    @Test(arguments: [
        ("gmail-reply.eml", "Thanks, setting the retry limit to 5 fixed it.", "gmail_quote", "on-wrote:en"),
        ("outlook-html-reply.eml", "Hi,\n\nthe totals are correct now. Thanks for the quick fix!\n\nCarol", "appendonsend",
         "original-message"),
        ("apple-mail-reply.eml", "Danke, das Geld ist angekommen.\n\nJonas", "blockquote[type=cite]", "on-wrote:de"),
        ("thunderbird-reply.eml", "Sorry, it happened again today. Same behaviour as before: the page just reloads.",
         "moz-cite-prefix", "on-wrote:en"),
    ])
    func clientReplies(file: String, expected: String, htmlMarker: String, textMarker: String) throws {
        // The HTML renderer does not keep the empty `<div><br></div>` paragraphs as blank lines.
        let expectedFromHTML = expected.replacingOccurrences(of: "\n\n", with: "\n")
        let message = try parse(file)
        let trimmer = ReplyTrimmer()
        let viaHTML = trimmer.trim(text: message.text ?? "", html: message.html)
        #expect(viaHTML.text == expectedFromHTML, "\(file) html")
        #expect(viaHTML.marker == htmlMarker, "\(file) html")
        #expect(viaHTML.keptLines < viaHTML.totalLines)
        let viaText = trimmer.trim(text: message.text ?? "", html: nil)
        #expect(viaText.text == expected, "\(file) text")
        #expect(viaText.marker == textMarker, "\(file) text")
    }
}
