/// Recognises how Outlook and other clients introduce an unquoted original or forwarded message:
/// a separator such as `-----Original Message-----` (and its translations: `-----Ursprüngliche
/// Nachricht-----`, `-----邮件原件-----`, `-----原始郵件-----` …), or a header block of
/// From/Sent/To/Subject lines in many languages (`Von:`/`Gesendet:`, `De:`/`Envoyé:`, `发件人:` …).
/// - SeeAlso: RFC 5322 §3.6 (the header fields clients copy into the block), docs/design.md#reply-trimming
struct ReplyOriginalMessageMatcher: Sendable {
    enum Kind: Sendable, Equatable { case original, forwarded }

    private static let originalPhrases: Set<String> = [
        "original message", "ursprüngliche nachricht", "originalnachricht", "mensaje original",
        "message d'origine", "message original", "messaggio originale", "oorspronkelijk bericht",
        "origineel bericht", "mensagem original", "исходное сообщение", "оригінальне повідомлення",
        "wiadomość oryginalna", "oryginalna wiadomość", "ursprungligt meddelande", "opprinnelig melding",
        "oprindelig meddelelse", "alkuperäinen viesti", "původní zpráva", "orijinal mesaj", "邮件原件",
        "原始邮件", "原始郵件", "郵件原件", "元のメッセージ", "원본 메시지", "reply message", "원래 메시지",
    ]
    private static let forwardedPhrases: Set<String> = [
        "forwarded message", "begin forwarded message", "weitergeleitete nachricht",
        "anfang der weitergeleiteten nachricht", "mensaje reenviado", "inicio del mensaje reenviado",
        "message transféré", "début du message transféré", "début du message réexpédié", "messaggio inoltrato",
        "inizio messaggio inoltrato", "doorgestuurd bericht", "begin doorgestuurd bericht", "mensagem encaminhada",
        "início da mensagem encaminhada", "пересылаемое сообщение", "пересланное сообщение",
        "переслане повідомлення", "przekazana wiadomość", "vidarebefordrat meddelande", "videresendt melding",
        "videresendt meddelelse", "转发邮件", "转发的邮件", "轉寄郵件", "転送メッセージ", "転送されたメッセージ",
    ]
    /// Header names a client copies into the block (lowercased, without the colon).
    private static let headerNames: Set<String> = [
        // EN
        "from", "sent", "to", "cc", "bcc", "subject", "date", "reply-to",
        // DE
        "von", "gesendet", "an", "betreff", "datum", "kopie", "antwort an",
        // FR
        "de", "envoyé", "à", "objet", "répondre à", "date d'envoi",
        // ES / PT
        "enviado", "enviado el", "para", "asunto", "fecha", "enviada", "enviada em", "assunto", "responder a",
        // IT
        "da", "inviato", "inviato il", "a", "oggetto", "data", "risposta", "rispondi a",
        // NL
        "van", "verzonden", "aan", "onderwerp", "beantwoorden",
        // Nordic
        "från", "skickat", "till", "ämne", "kopia", "fra", "sendt", "til", "emne", "dato", "kopi",
        // PL / CS / TR / FI
        "od", "wysłano", "do", "temat", "dw", "odesláno", "komu", "předmět", "kimden", "gönderildi", "kime",
        "konu", "lähettäjä", "lähetetty", "vastaanottaja", "aihe",
        // RU / UK
        "от", "отправлено", "кому", "тема", "дата", "копия", "від", "надіслано",
        // ZH / JA / KO
        "发件人", "发送时间", "收件人", "主题", "抄送", "日期", "时间", "寄件者", "傳送時間", "收件者", "主旨", "副本",
        "寄件日期", "差出人", "送信日時", "宛先", "件名", "日付", "보낸 사람", "보낸 날짜", "받는 사람", "제목", "참조",
    ]
    private static let decoration: Set<Character> = ["-", "*", "_", "=", " ", "\t", "\u{A0}", "<", ">"]
    /// The ASCII decoration characters as bytes, and the colon (derived, so the two cannot drift).
    private static let decorationOrColonBytes: Set<UInt8> = Set(decoration.compactMap(\.asciiValue) + [0x3A])

    /// UTF-8 length of the longest phrase, uppercase forms included (never longer than twice).
    private static let longestPhraseBytes = 2 * originalPhrases.union(forwardedPhrases).map(\.utf8.count).max()!

    /// `-----Original Message-----`, `---------- Forwarded message ---------`, `Begin forwarded message:` …
    func separator(_ line: Substring) -> Kind? {
        var core = ReplyText.trimmed(line)
        // Byte test first: starting with an ASCII letter or digit and ending with an ASCII byte that
        // is neither decoration nor a colon, a line has no decoration and no colon.
        if let f = core.utf8.first, let l = core.utf8.last, f < 0x80, l < 0x80,
           ReplyText.isASCIIAlphanumeric(f), !Self.decorationOrColonBytes.contains(l) { return nil }
        guard ReplyText.hasAtMost(core, characters: 80) else { return nil }
        var decorated = false
        while let f = core.first, Self.decoration.contains(f) { core.removeFirst(); decorated = true }
        while let l = core.last, Self.decoration.contains(l) { core.removeLast(); decorated = true }
        var colon = false
        if let l = core.last, l == ":" || l == "：" { core.removeLast(); colon = true }
        // Both kinds need decoration or a colon, and a phrase's length.
        guard decorated || colon else { return nil }
        core = ReplyText.trimmed(core)
        guard core.utf8.count <= Self.longestPhraseBytes else { return nil }
        let lower = core.lowercased()
        if Self.forwardedPhrases.contains(lower), decorated || colon { return .forwarded }
        if Self.originalPhrases.contains(lower), decorated || colon { return .original }
        return nil
    }

    /// A copied header line: `From: …`, `*Sent:* …`, `发件人: …`, `Skickat: …`.
    func isHeaderLine(_ line: Substring) -> Bool {
        // A colon (ASCII, or the full-width one's last byte 0x9A) must come within the first bytes.
        guard ReplyText.firstBytes(of: line, 128, contain: { $0 == 0x3A || $0 == 0x9A }) else { return false }
        var t = ReplyText.trimmed(line)
        while let f = t.first, f == "*" { t.removeFirst() }
        // A header name is at most 24 characters: look for its colon near the start only.
        guard let colon = t.prefix(32).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        var name = t[t.startIndex..<colon]
        guard name.count <= 24 else { return false }
        while let l = name.last, l == "*" || ReplyText.isSpace(l) { name.removeLast() }
        guard !name.isEmpty else { return false }
        return Self.headerNames.contains(name.lowercased())
    }
}
