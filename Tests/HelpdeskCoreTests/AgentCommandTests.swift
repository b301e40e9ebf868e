import HelpdeskCore
import Testing

@Suite struct AgentCommandParserTests {
    func parse(_ text: String) throws -> AgentCommandBlock { try AgentCommandParser.parse(text).get() }

    @Test func commandsAtTheTopThenTheReply() throws {
        let block = try parse("\n#assign me\n#priority HIGH\r\n#tag vip\n\nHello Ana,\n#close is not a command here.\n")
        #expect(block.commands == [.assign("me"), .priority(.high), .tag("vip")])
        #expect(block.lines.map(\.line) == [2, 3, 4])
        #expect(block.reply == "Hello Ana,\n#close is not a command here.")
        #expect(!block.isNote)
    }

    @Test func everyCommandParses() throws {
        let block = try parse("""
            #solve
            #close
            #reopen
            #pending
            #category Billing and invoices
            #cc add <Colleague@Customer.test>
            #cc remove other@customer.test
            #merge #12
            #note
            """)
        #expect(block.commands == [.close, .close, .reopen, .pending, .category("Billing and invoices"),
                                   .ccAdd("colleague@customer.test"), .ccRemove("other@customer.test"), .merge(12), .note])
        #expect(block.reply.isEmpty)
        #expect(block.isNote)
    }

    @Test(arguments: [
        ("#priority huge\nHi", 1, "priority must be"),
        ("#close\n#clsoe\nHi", 2, "unknown command #clsoe"),
        ("#assign\nHi", 1, "takes one agent id"),
        ("#cc add nobody\nHi", 1, "not an e-mail address"),
        ("#cc invite a@b.test", 1, "use #cc add"),
        ("#merge x", 1, "not a ticket number"),
        ("#close now", 1, "takes no argument"),
    ])
    func mistakesNameTheLine(text: String, line: Int, why: String) {
        guard case let .failure(error) = AgentCommandParser.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.line == line)
        #expect(error.why.contains(why))
    }

    @Test func aHashWithoutALetterIsText() throws {
        let block = try parse("#1 priority for us is this bug\n#close")
        #expect(block.commands.isEmpty)
        #expect(block.reply.hasPrefix("#1 priority"))
    }
}

@Suite struct AgentRecognizerTests {
    let alice = Agent(id: "alice", address: "Alice@Example.test", name: "Alice")
    let bob = Agent(id: "bob", address: "bob@example.test", name: "Bob")
    var recognizer: AgentRecognizer { AgentRecognizer(agents: [alice, bob], trustedAuthservID: "mx.maildesk.test") }

    @Test func anAgentTokenOfThatAgentProvesIt() {
        let token = ReplyToken(ticketID: 4, role: .agent, agentID: "alice")
        guard case .verified(let who, _) = recognizer.recognize(from: "alice@example.test", token: token, authenticationResults: []) else {
            Issue.record("not verified")
            return
        }
        #expect(who.id == "alice")
    }

    @Test func anotherAgentsTokenOrACustomerTokenProvesNothing() {
        for token in [ReplyToken(ticketID: 4, role: .agent, agentID: "bob"), ReplyToken(ticketID: 4, role: .customer)] {
            guard case .unverified = recognizer.recognize(from: "alice@example.test", token: token, authenticationResults: []) else {
                Issue.record("verified with \(token)")
                continue
            }
        }
    }

    @Test func trustedAuthenticationResultsProveIt() {
        let pass = ["mx.maildesk.test; dkim=pass header.d=example.test; spf=fail smtp.mailfrom=evil.test"]
        guard case .verified = recognizer.recognize(from: "alice@example.test", token: nil, authenticationResults: pass) else {
            Issue.record("dkim=pass not accepted")
            return
        }
        let forged = ["evil.test; dmarc=pass header.from=example.test"]
        guard case .unverified(_, let why) = recognizer.recognize(from: "alice@example.test", token: nil, authenticationResults: forged) else {
            Issue.record("untrusted authserv-id accepted")
            return
        }
        #expect(why.contains("no Authentication-Results from mx.maildesk.test"))
    }

    @Test func strangersAreNotAgents() {
        #expect(recognizer.recognize(from: "ana@customer.test", token: nil, authenticationResults: []) == .notAnAgent)
    }
}
