import Ink

/// The HTML alternative of an article (Ink: CommonMark subset with tables, code, links).
public enum KBArticleHTML {
    public static func render(markdown: String) -> String {
        MarkdownParser().html(from: markdown)
    }

    /// A small complete HTML document around `fragment` (UTF-8).
    public static func document(title: String, fragment: String) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>\n<body>\n"
            + fragment + "\n</body></html>\n"
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
