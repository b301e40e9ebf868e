import Ink

/// The HTML alternative of an article: its Markdown rendered by Ink (CommonMark subset with code,
/// lists, links, tables). The surrounding mail text is made HTML by `OutboundMailFactory.autoAnswer`.
public enum KBArticleHTML {
    public static func render(markdown: String) -> String {
        MarkdownParser().html(from: markdown)
    }
}
