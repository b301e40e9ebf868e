#!/usr/bin/env python3
"""The same full parse as `maildesk-bench parse`, with Python's `email` package, for comparison:
headers decoded (policy=default), text bodies decoded to str, attachments decoded to bytes.
Prints {"messages","bytes","seconds","mb_per_s","msgs_per_s"}.

usage: bench/python-email-parse.py PATH... (files, directories of .eml, or mbox files) [--rounds N]
"""
import email, email.policy, json, os, sys, time

def inputs(path):
    if os.path.isdir(path):
        for root, _, files in os.walk(path):
            for name in sorted(files):
                if name.endswith(".eml"):
                    with open(os.path.join(root, name), "rb") as f:
                        yield f.read()
        return
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"From "):
        yield data
        return
    current, previous_blank = [], True
    for line in data.split(b"\n"):
        if previous_blank and line.startswith(b"From "):
            if current:
                yield b"\n".join(current)
            current = []
        elif line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            current.append(line[1:])
        else:
            current.append(line)
        previous_blank = line.strip(b"\r") == b""
    if current:
        yield b"\n".join(current)

def full_parse(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for key in ("subject", "from", "to", "cc", "date", "message-id"):
        _ = msg.get(key)
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            part.get_content()   # str for text parts (charset decoded), bytes for the rest
        except Exception:
            part.get_payload(decode=True)

def main():
    args = sys.argv[1:]
    rounds = 1
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i:i + 2]
    messages = [m for p in args for m in inputs(p)]
    start = time.perf_counter()
    for _ in range(rounds):
        for m in messages:
            full_parse(m)
    seconds = time.perf_counter() - start
    total = sum(len(m) for m in messages) * rounds
    n = len(messages) * rounds
    print(json.dumps({"messages": n, "bytes": total, "seconds": seconds,
                      "mb_per_s": total / 1048576 / seconds, "msgs_per_s": n / seconds}, sort_keys=True))

if __name__ == "__main__":
    main()
