import HelpdeskCore
import Testing

@Suite struct BaseSubjectTests {
    /// (subject as decoded from the header, expected display base subject)
    @Test(arguments: [
        // RFC 5256 §2.1: re/fw/fwd, blobs, (fwd) trailers, [fwd: …] wrappers, repeated
        ("Re: Login broken", "Login broken"),
        ("RE: RE: Login broken", "Login broken"),
        ("Re:Re:Re: Login broken", "Login broken"),
        ("re: re:re:  Login   broken", "Login broken"),
        ("Fwd: Login broken", "Login broken"),
        ("FW: Login broken", "Login broken"),
        ("Fw: Re: Fwd: Login broken", "Login broken"),
        ("Re [ext]: Login broken", "Login broken"),
        ("[ext] Re: Login broken", "Login broken"),
        ("[list] [ext] Re: Fw: Login broken", "Login broken"),
        ("Login broken (fwd)", "Login broken"),
        ("Login broken (FWD)  (fwd) ", "Login broken"),
        ("[Fwd: Login broken]", "Login broken"),
        ("[fwd: Re: Login broken]", "Login broken"),
        ("Re: [Fwd: [fwd: Login broken (fwd)]]", "Login broken"),
        ("Fwd: Re: [ext] Fw: Hello (fwd)", "Hello"),
        ("\tRe:\r\n Login\t\tbroken\n", "Login broken"),
        // counters
        ("Re[2]: Login broken", "Login broken"),
        ("RE[12]: Login broken", "Login broken"),
        ("Re(2): Login broken", "Login broken"),
        ("Re^3: Login broken", "Login broken"),
        ("Re: Re[2]: AW(3): Login broken", "Login broken"),
        // ticket tags and list tags are stripped (callers read tags with SubjectTag)
        ("[#42] Login broken", "Login broken"),
        ("Re: [#42] Login broken", "Login broken"),
        ("AW: [ACME-7] Re: Rechnung", "Rechnung"),
        // localised prefixes (docs/design.md#threading)
        ("AW: WG: Rechnung März", "Rechnung März"),
        ("Aw: Rechnung", "Rechnung"),
        ("WG: AW: Re: Angebot", "Angebot"),
        ("SV: Faktura", "Faktura"),
        ("VS: Lasku", "Lasku"),
        ("VL: Lasku", "Lasku"),
        ("FS: Faktura", "Faktura"),
        ("VB: Factuur", "Factuur"),
        ("Antw: Factuur", "Factuur"),
        ("Doorst: Factuur", "Factuur"),
        ("RES: Pedido atrasado", "Pedido atrasado"),
        ("ENC: Pedido atrasado", "Pedido atrasado"),
        ("RV: Pedido atrasado", "Pedido atrasado"),
        ("Re : Commande perdue", "Commande perdue"),
        ("TR: Commande perdue", "Commande perdue"),
        ("RIF: Ordine", "Ordine"),
        ("ODP: Zamówienie", "Zamówienie"),
        ("PD: Zamówienie", "Zamówienie"),
        ("Odp: Odp: Zamówienie", "Zamówienie"),
        ("YNT: Sipariş", "Sipariş"),
        ("İLT: Sipariş", "Sipariş"),
        ("ILT: Sipariş", "Sipariş"),
        ("ΑΠ: Παραγγελία", "Παραγγελία"),
        ("Απ: Παραγγελία", "Παραγγελία"),
        ("ΣΧΕΤ: Παραγγελία", "Παραγγελία"),
        ("תגובה: הזמנה", "הזמנה"),
        ("回复：订单问题", "订单问题"),
        ("回复: 回复: 订单问题", "订单问题"),
        ("答复: 订单问题", "订单问题"),
        ("转发：订单问题", "订单问题"),
        ("回覆：訂單問題", "訂單問題"),
        ("轉寄：訂單問題", "訂單問題"),
        ("Re：订单问题", "订单问题"),
        ("回复：\u{3000}订单问题", "订单问题"),
        ("FWD：Re：订单问题", "订单问题"),
        ("RE: 回复：AW: Fwd: 订单问题", "订单问题"),
        // left alone: no colon, unknown words, prefix-like beginnings of real words
        ("Login broken", "Login broken"),
        ("Reply needed", "Reply needed"),
        ("Regarding: invoice", "Regarding: invoice"),
        ("Area: 51", "Area: 51"),
        ("Aw shucks", "Aw shucks"),
        ("Re", "Re"),
        ("Fwd", "Fwd"),
        ("Resend: invoice", "Resend: invoice"),
        ("Re-opened: invoice", "Re-opened: invoice"),
        ("回复订单问题", "回复订单问题"),
        ("Note: Re: invoice", "Note: Re: invoice"),
        ("[#42]", "[#42]"),
        ("Re: [#42]", "[#42]"),
        ("Re:", ""),
        ("", ""),
        ("   ", ""),
    ])
    func baseSubject(subject: String, expected: String) {
        #expect(BaseSubject.of(subject) == expected)
    }

    /// Pairs that name the same conversation.
    @Test(arguments: [
        ("Login broken", "RE: LOGIN BROKEN"),
        ("Login broken", "aw: wg: login  broken"),
        ("[#5] Login broken", "Re[2]: Login broken (fwd)"),
        ("订单问题", "回复：转发：订单问题"),
        ("Παραγγελία", "ΣΧΕΤ: Απ: Παραγγελία"),
        ("Sipariş", "YNT: sipariş"),
    ])
    func sameKey(a: String, b: String) {
        #expect(BaseSubject.key(a) == BaseSubject.key(b))
    }

    @Test(arguments: [
        ("Login broken", "Login broken again"),
        ("Reply needed", "needed"),
        ("Rechnung", "Rechnung März"),
    ])
    func differentKey(a: String, b: String) {
        #expect(BaseSubject.key(a) != BaseSubject.key(b))
    }

    /// Hostile subjects (a 100 KB header line is legal) must come out right without quadratic work.
    @Test(arguments: [
        (String(repeating: "Re: ", count: 20_000) + "x", "x"),
        (String(repeating: "[a]", count: 20_000) + " x", "x"),
        (String(repeating: "[a]", count: 20_000), "[a]"),
        (String(repeating: "[fwd: ", count: 5_000) + "x" + String(repeating: "]", count: 5_000), "x"),
        ("x" + String(repeating: " (fwd)", count: 20_000), "x"),
        (String(repeating: "Aaaaaaaaaa", count: 10_000) + ": x", String(repeating: "Aaaaaaaaaa", count: 10_000) + ": x"),
    ])
    func longSubjects(subject: String, expected: String) {
        #expect(BaseSubject.of(subject) == expected)
    }

    @Test func keyIsLowercasedDisplayForm() {
        #expect(BaseSubject.key("AW: Rechnung MÄRZ") == "rechnung märz")
        #expect(BaseSubject.of("AW: Rechnung MÄRZ") == "Rechnung MÄRZ")
    }
}
