import Testing
@testable import MaildeskConfig

@Suite("TOMLSourceMap")
struct TOMLSourceMapTests {
    static let text = """
        # comment with key = 1
        top = 1
        [imap]
        url = "imaps://x"   # trailing comment
        note = \"\"\"
        fake = 2
        [notatable]
        \"\"\"
        list = [
          "a",
          { inner = 1 },
        ]
        "quoted key" = 3
        after = 4
        [[helpdesk.agents]]
        id = "a"
        [[helpdesk.agents]]
        id = "b"
        sub.key = 5
        [ helpdesk ]
        address = "x"
        """

    @Test(arguments: [
        ("top", nil, 2), ("imap", nil, 3), ("imap.url", nil, 4), ("imap.note", nil, 5), ("imap.list", nil, 9),
        ("imap.quoted key", nil, 13), ("imap.after", nil, 14), ("imap.missing", nil, 3),
        // Keys inside multi-line strings and arrays are not keys: the lookup falls back to the table header.
        ("helpdesk.agents.id", 0, 16), ("helpdesk.agents.id", 1, 18), ("helpdesk.agents.sub.key", 1, 19),
        ("helpdesk.agents.name", 1, 17),
        ("imap.fake", nil, 3), ("imap.inner", nil, 3), ("helpdesk.address", nil, 21), ("helpdesk", nil, 20),
    ] as [(String, Int?, Int)])
    func findsLines(path: String, index: Int?, line: Int) {
        #expect(TOMLSourceMap(text: Self.text).line(of: path, index: index) == line)
    }

    @Test(arguments: ["fake", "notatable", "inner", "nothing.here"])
    func ignoresTextInsideValuesAndComments(path: String) {
        #expect(TOMLSourceMap(text: Self.text).line(of: path) == nil)
    }
}
