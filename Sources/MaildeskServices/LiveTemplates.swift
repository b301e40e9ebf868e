import Foundation
import Synchronization

/// The mail texts a running daemon uses, swappable while it runs: `maildesk run` re-reads
/// `[helpdesk] templates` on SIGHUP (`reload()`), and the ingest pipeline reads the current text
/// for every acknowledgement it queues. A reload that fails keeps the texts in use.
public final class LiveTemplates: Sendable {
    /// The `[helpdesk] templates` directory (`nil`: built-in texts only).
    public let directory: String?
    private let current: Mutex<TemplateStore>

    public init(directory: String?) throws {
        self.directory = directory
        current = Mutex(try TemplateStore(directory: directory))
    }

    /// Starts from texts already loaded (no file access).
    public init(_ store: TemplateStore, directory: String?) {
        self.directory = directory
        current = Mutex(store)
    }

    /// The acknowledgement text in use now.
    public var acknowledgement: String { current.withLock { $0.acknowledgement } }

    /// All texts in use now.
    public var texts: TemplateStore { current.withLock { $0 } }

    /// Re-reads the directory; on error the previous texts stay in use and the error is thrown.
    public func reload() throws {
        let fresh = try TemplateStore(directory: directory)
        current.withLock { $0 = fresh }
    }
}

extension IngestProcessor {
    /// The acknowledgement text to use now: the live (reloadable) one when the daemon wired it,
    /// else the text fixed at construction.
    var currentAcknowledgementTemplate: String {
        liveTemplates?.acknowledgement ?? acknowledgementTemplate
    }

    /// Every mail text in use now (built-in ones when the daemon wired no live templates).
    var currentTemplates: TemplateStore {
        liveTemplates?.texts ?? TemplateStore(acknowledgement: acknowledgementTemplate)
    }
}
