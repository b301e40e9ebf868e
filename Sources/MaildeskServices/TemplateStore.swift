import Foundation
import HelpdeskCore

/// The mail texts in use: an admin's file in `[helpdesk] templates` overrides the built-in one.
public struct TemplateStore: Sendable {
    public var acknowledgement: String

    public init(directory: String?) throws {
        acknowledgement = try Self.load("acknowledgement.txt", from: directory) ?? BuiltInTemplates.acknowledgement
    }

    static func load(_ name: String, from directory: String?) throws -> String? {
        guard let directory else { return nil }
        let path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestFailure("cannot read template \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
