extension IMAPConnection {
    /// The INTERNALDATE of the message with the highest UID in mailbox `name` (default: the configured
    /// one; normally the message delivered last), or nil when the mailbox is empty. `UID FETCH *` names that message; the
    /// reply is one untagged `* n FETCH (UID u INTERNALDATE "…")` line, which libcurl passes through
    /// for a custom request (the date is a quoted string, not a literal).
    /// - SeeAlso: RFC 3501 §6.4.8 (UID FETCH), §6.4.5 (`INTERNALDATE`), §9 (`seq-number` `*`)
    public func newestInternalDate(in name: String? = nil) throws(TransportError) -> IMAPInternalDate? {
        let name = name ?? mailbox
        guard try status(of: name).messages > 0 else { return nil }
        let outcome = try run(mailboxURL(name), "UID FETCH * (UID INTERNALDATE)", "UID FETCH INTERNALDATE in \(name)")
        guard let newest = IMAPResponseParser.internalDates(outcome.body).max(by: { $0.uid < $1.uid }) else {
            throw protocolFailure("no INTERNALDATE in the FETCH response", outcome)
        }
        return newest
    }
}

extension IMAPResponseParser {
    /// `(UID, INTERNALDATE)` pairs from `* n FETCH (… UID u … INTERNALDATE "date-time" …)` lines, in
    /// server order; lines without both items, or with a date that does not parse, are skipped.
    /// - SeeAlso: RFC 3501 §7.4.2
    static func internalDates(_ body: [UInt8]) -> [IMAPInternalDate] {
        var result: [IMAPInternalDate] = []
        for line in ReplyLines.split(body) {
            let tokens = line.split(separator: UInt8(ascii: " "), maxSplits: 3)
            guard tokens.count == 4, tokens[0] == [UInt8(ascii: "*")], tokens[3].allSatisfy({ $0 < 0x80 }),
                  String(decoding: tokens[2], as: UTF8.self).uppercased() == "FETCH" else { continue }
            let items = String(decoding: tokens[3], as: UTF8.self)
            guard let uid = value(after: "UID ", in: items).flatMap({ UInt32($0.prefix { $0.isNumber }) }),
                  let quoted = value(after: "INTERNALDATE \"", in: items),
                  let close = quoted.firstIndex(of: "\"") else { continue }
            let text = String(quoted[..<close])
            guard let seconds = IMAPInternalDate.seconds(fromDateTime: text) else { continue }
            result.append(IMAPInternalDate(uid: uid, secondsSince1970: seconds, text: text))
        }
        return result
    }

    /// The text after `keyword` (matched case-insensitively at an item boundary) in a FETCH item list.
    private static func value(after keyword: String, in items: String) -> Substring? {
        let upper = items.uppercased()
        var search = upper.startIndex
        while let range = upper.range(of: keyword, range: search..<upper.endIndex) {
            let before = range.lowerBound == upper.startIndex ? " " : upper[upper.index(before: range.lowerBound)]
            if before == " " || before == "(" {
                let offset = upper.distance(from: upper.startIndex, to: range.upperBound)
                return items[items.index(items.startIndex, offsetBy: offset)...]
            }
            search = range.upperBound
        }
        return nil
    }
}
