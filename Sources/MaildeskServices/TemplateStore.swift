import Foundation
import HelpdeskCore

/// The mail texts in use: an admin's file in `[helpdesk] templates` overrides the built-in one.
public struct TemplateStore: Sendable {
    public var acknowledgement: String
    public var notification: String
    public var commandError: String
    public var deliveryFailure: String
    public var autoAnswer: String = BuiltInTemplates.autoAnswer

    public init(directory: String?) throws {
        acknowledgement = try Self.load("acknowledgement.txt", from: directory) ?? BuiltInTemplates.acknowledgement
        notification = try Self.load("notification.txt", from: directory) ?? BuiltInTemplates.notification
        commandError = try Self.load("command-error.txt", from: directory) ?? BuiltInTemplates.commandError
        deliveryFailure = try Self.load("delivery-failure.txt", from: directory) ?? BuiltInTemplates.deliveryFailure
        autoAnswer = try Self.load("auto-answer.txt", from: directory) ?? BuiltInTemplates.autoAnswer
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

extension TemplateStore {
    /// The built-in texts with another acknowledgement (no file access).
    init(acknowledgement: String) {
        self.acknowledgement = acknowledgement
        notification = BuiltInTemplates.notification
        commandError = BuiltInTemplates.commandError
        deliveryFailure = BuiltInTemplates.deliveryFailure
    }
}

extension IngestProcessor {
    /// Every mail text in use now (the built-in ones besides `acknowledgementTemplate` when none were wired).
    var currentTemplates: TemplateStore {
        templates ?? TemplateStore(acknowledgement: acknowledgementTemplate)
    }
}
