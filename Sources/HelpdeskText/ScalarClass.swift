/// How the tokenizer treats one Unicode scalar. Ranges from the Unicode Character Database
/// (Blocks.txt, Scripts.txt): scripts written without spaces are split into characters, everything
/// else follows a simplified UAX #29 word boundary (letters, marks and digits form words).
enum ScalarClass: Equatable {
    case space
    /// Han, Hiragana, Katakana, Hangul: a character of a script written without word spaces.
    case cjk
    case letter
    case digit
    /// Combining marks: kept inside a word (folded away later), never start one.
    case mark
    /// `'` and `’` between letters (`don't`): dropped, the word goes on.
    case apostrophe
    case other

    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> ScalarClass {
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x61...0x7A, 0x41...0x5A: return .letter
            case 0x30...0x39: return .digit
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return .space
            case 0x27: return .apostrophe
            default: return .other
            }
        }
        if isCJK(v) { return .cjk }
        if v == 0x2019 { return .apostrophe }
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber: return .digit
        case .letterNumber, .otherNumber: return .letter
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: return .other
        }
    }

    /// Han (URO, Ext. A, compatibility, Ext. B+), kana (incl. `ー`, `々`, `〆`), Hangul syllables and jamo.
    @inline(__always)
    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
        case 0x3005, 0x3006: return true
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return true
        default: return false
        }
    }

    /// Full-width ASCII letters and digits (`ＯＲＤ１２３`, common in Japanese and Chinese mail) as ASCII.
    @inline(__always)
    static func narrowed(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        switch v {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return Unicode.Scalar(v - 0xFEE0)!
        case 0x3000: return " "
        default: return scalar
        }
    }
}
