import Foundation

/// Fills `{{name}}` placeholders in the texts of mail we send. Unknown names are left visible so a
/// typo in an admin's override template shows up in the mail instead of silently vanishing.
public struct TemplateRenderer: Sendable {
    public init() {}

    public func render(_ template: String, values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += values[name] ?? "{{\(name)}}"
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }
}

/// The built-in texts; `[helpdesk] templates` may hold files of the same names to override them.
public enum BuiltInTemplates {
    /// `acknowledgement.txt`: sent once for a new ticket from a person.
    public static let acknowledgement = """
        Hello {{customer.name}},

        thank you for writing to {{helpdesk.name}}. We have received your message and opened
        ticket {{ticket.tag}} for it. A member of our team will get back to you.

        To add anything, simply reply to this mail and keep {{ticket.tag}} in the subject.

        Your message:
        > {{ticket.subject}}

        -- 
        {{helpdesk.name}}
        """

    /// `notification.txt`: a new ticket or a customer's follow-up, mailed to agents.
    public static let notification = """
        {{event}}: {{ticket.tag}} {{ticket.subject}}
        Customer: {{customer}}
        Status: {{ticket.status}} · priority {{ticket.priority}} · category {{ticket.category}} · assignee {{ticket.assignee}}
        Due: {{ticket.due}}

        {{message}}

        {{suggestions}}{{recent}}
        --
        Reply to this mail to answer the customer (from {{helpdesk.address}}; your address stays hidden).
        Start your reply with commands, one per line, to steer the ticket:
        {{commands}}
        For an internal note write to {{note.address}} (or start with #note).
        """

    /// `command-error.txt`: an agent's mail with a command that cannot be carried out.
    public static let commandError = """
        Hello {{agent.name}},

        nothing of your mail to ticket {{ticket.tag}} was applied and nothing was sent to the customer,
        because of {{error}}.

        Valid commands (one per line, at the top of your reply):
        {{commands}}

        -- 
        {{helpdesk.name}}
        """

    /// `delivery-failure.txt`: a mail on a ticket could not be delivered.
    public static let deliveryFailure = """
        Hello {{agent.name}},

        the mail on ticket {{ticket.tag}} to {{recipient}} could not be delivered:
        {{reason}}

        -- 
        {{helpdesk.name}}
        """

    /// `auto-answer.txt`: a knowledge-base article sent instead of the acknowledgement. The HTML
    /// alternative is this text with `{{article.body}}` as the article's rendered Markdown.
    public static let autoAnswer = """
        Hello {{customer.name}},

        thank you for writing to {{helpdesk.name}}. We opened ticket {{ticket.tag}} for your message,
        and this article from our knowledge base may already answer it:

        {{article.title}}

        {{article.body}}

        If this answered your question, reply with "solved" and we will close the ticket.
        Otherwise just reply to this mail and a person from our team will take over.

        -- 
        {{helpdesk.name}}
        """

    public static let names = ["acknowledgement.txt", "notification.txt", "command-error.txt", "delivery-failure.txt",
                               "auto-answer.txt"]
}
