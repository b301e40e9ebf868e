import Foundation
import Testing

/// `[imap.oauth2]` and `[smtp.oauth2]` through the binary, as an admin configures them: the mailbox of a
/// user who has no password (Dovecot's oauth2 passdb, test token server) is polled and the
/// acknowledgement sent with XOAUTH2; the rotated refresh token is on disk; `doctor` shows the token's
/// state, and a refused refresh with the provider's text (docs/admin-guide.md#oauth2-xoauth2).
@Suite(.serialized) struct OAuth2ConfigIntegrationTests {
    let cli = CLIIntegrationTests()

    func writeConfig(_ h: PipelineHarness, oauth: OAuth2TestServer, user: String, refreshFile: String) throws -> String {
        try (oauth.clientSecret + "\n").write(toFile: h.state + "/client-secret", atomically: true, encoding: .utf8)
        let oauth2 = """
            token_url = "\(oauth.tokenURL)"
            client_id = "\(oauth.clientID)"
            client_secret_file = "client-secret"
            refresh_token_file = "\(refreshFile)"
            scope = "mail"
            """
        let config = """
            [database]
            path = "db/maildesk.sqlite"

            [imap]
            url = "imap://127.0.0.1:\(h.servers.imapPort)/INBOX"
            username = "\(user)"
            ca_file = "\(h.servers.caFile)"

            [imap.oauth2]
            \(oauth2)

            [smtp]
            url = "smtps://127.0.0.1:\(h.servers.smtpsPort)"
            username = "\(user)"
            ca_file = "\(h.servers.caFile)"

            [smtp.oauth2]
            \(oauth2)

            [helpdesk]
            address = "\(user)"
            name = "OAuth2 Support"
            """
        let path = h.state + "/maildesk.toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func pollAndAcknowledgeWithXOAUTH2FromTheConfig() throws {
        let h = try PipelineHarness()
        let oauth = try OAuth2TestServer(h.servers)
        let user = h.servers.uniqueAddress("oauth-desk", domain: oauth.domain)
        let seed = try oauth.seedGrant(username: user)
        let refreshFile = try oauth.refreshTokenFile(holding: seed)
        defer { oauth.discard(refreshFile) }
        let config = try writeConfig(h, oauth: oauth, user: user, refreshFile: refreshFile)
        try h.sendFromCustomer(h.customerMail(subject: "OAuth2 desk", messageID: "o2-\(UUID())@customer.test"), to: user)

        var fetched = false
        for _ in 0..<20 where !fetched {
            let poll = try cli.run(["poll", "--once", "--config", config])
            #expect(poll.status == 0, "\(poll.stderr)")
            fetched = poll.stdout.contains("fetched 1")
            if !fetched { Thread.sleep(forTimeInterval: 0.5) }
        }
        #expect(fetched)
        let ack = try h.waitForMail(h.customer, count: 1)
        #expect(String(decoding: ack[0], as: UTF8.self).contains("OAuth2 desk"))
        #expect(oauth.logContains("dovecot.log", ["Login: user=<\(user)>", "method=XOAUTH2"]))

        let saved = try String(contentsOfFile: refreshFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!saved.isEmpty && saved != seed)                  // rotated and written back
        let mode = try FileManager.default.attributesOfItem(atPath: refreshFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let doctor = try cli.run(["doctor", "--config", config])
        #expect(doctor.stdout.contains("ok imap: logged in as \(user)"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("ok oauth2: access token valid for"), "\(doctor.stdout)")
        #expect(!doctor.stdout.contains(saved))                   // never a token value

        try oauth.refuseAll(true)
        defer { try? oauth.refuseAll(false) }
        let refused = try cli.run(["doctor", "--config", config])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("FAIL oauth2:"), "\(refused.stdout)")
        #expect(refused.stdout.contains("invalid_grant"), "\(refused.stdout)")
    }

    @Test func passwordFileBesideOAuth2IsAConfigError() throws {
        let h = try PipelineHarness()
        let oauth = try OAuth2TestServer(h.servers)
        let config = try writeConfig(h, oauth: oauth, user: "x@\(oauth.domain)", refreshFile: h.state + "/refresh")
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "[imap.oauth2]", with: "password_file = \"client-secret\"\n\n[imap.oauth2]")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try cli.run(["tickets", "list", "--config", config])
        #expect(run.status == 78)
        #expect(run.stderr.contains("an OAuth2 login needs no password"), "\(run.stderr)")
    }
}
