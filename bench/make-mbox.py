#!/usr/bin/env python3
"""Writes a synthetic mbox of realistic support mail for `maildesk-bench parse` and the comparison
harnesses: plain, HTML, multipart/alternative, attachments (base64), quoted-printable, ISO-2022-JP,
GB2312 and windows-1252 bodies, RFC 2047 subjects. Deterministic (seeded).

usage: bench/make-mbox.py OUT.mbox [MEGABYTES=200]
"""
import base64, quopri, random, sys

WORDS = ("order invoice login password refund delivery account broken please help since yesterday "
         "cannot update payment thanks printer export totals dashboard customer support ticket").split()

def para(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))

def body_text(rng, lines):
    return "\r\n".join(para(rng, 12) for _ in range(lines)) + "\r\n"

def message(i, rng):
    kind = i % 6
    head = (f"From: Customer {i} <c{i}@customer.test>\r\nTo: support@maildesk.test\r\n"
            f"Date: Tue, 13 Jan 2026 09:{i % 60:02d}:00 +0100\r\nMessage-ID: <gen-{i}@customer.test>\r\n"
            "MIME-Version: 1.0\r\n")
    if kind == 0:
        return head + f"Subject: Question {i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body_text(rng, 40)
    if kind == 1:
        html = "".join(f"<p>{para(rng, 14)}</p>" for _ in range(30))
        return head + (f"Subject: =?UTF-8?Q?R=C3=BCckfrage_{i}?=\r\nContent-Type: multipart/alternative; boundary=\"a{i}\"\r\n\r\n"
                       f"--a{i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                       + quopri.encodestring(body_text(rng, 30).encode()).decode() +
                       f"\r\n--a{i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>{html}</body></html>\r\n--a{i}--\r\n")
    if kind == 2:
        data = base64.encodebytes(bytes(rng.getrandbits(8) for _ in range(30000))).decode().replace("\n", "\r\n")
        return head + (f"Subject: Invoice {i}\r\nContent-Type: multipart/mixed; boundary=\"m{i}\"\r\n\r\n"
                       f"--m{i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body_text(rng, 10)}\r\n"
                       f"--m{i}\r\nContent-Type: application/pdf; name=\"scan{i}.pdf\"\r\n"
                       f"Content-Disposition: attachment; filename=\"scan{i}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                       f"{data}--m{i}--\r\n")
    if kind == 3:
        text = ("パスワードの再設定ができません。ログイン画面に戻ります。\r\n" * 20).encode("iso-2022-jp")
        return head + ("Subject: =?ISO-2022-JP?B?" + base64.b64encode("パスワード".encode("iso-2022-jp")).decode() +
                       "?=\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                       + text.decode("ascii"))
    if kind == 4:
        text = base64.encodebytes(("关于发票的问题，请帮忙查看订单。\r\n" * 30).encode("gb2312")).decode().replace("\n", "\r\n")
        return head + ("Subject: =?GB2312?B?" + base64.b64encode("发票问题".encode("gb2312")).decode() +
                       "?=\r\nContent-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n" + text)
    text = ("Café crème – prix réduit € 12 " * 8 + "\r\n") * 25
    return head + (f"Subject: Facture {i}\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                   ).encode("ascii").decode() + text

def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 200
    rng = random.Random(20261125)
    written, i = 0, 0
    with open(out, "wb") as f:
        while written < megabytes * 1024 * 1024:
            msg = message(i, rng)
            data = msg.encode("cp1252") if i % 6 == 5 else msg.encode("utf-8")
            # mboxrd: escape body lines starting with "From " (and ">From ").
            lines = data.split(b"\n")
            lines = [b">" + l if l.lstrip(b">").startswith(b"From ") else l for l in lines]
            f.write(b"From c%d@customer.test Tue Jan 13 09:00:00 2026\n" % i + b"\n".join(lines).rstrip(b"\r\n") + b"\n\n")
            written = f.tell()
            i += 1
    print(f"{out}: {i} messages, {written} bytes")

if __name__ == "__main__":
    main()
