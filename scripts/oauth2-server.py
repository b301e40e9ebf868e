#!/usr/bin/env python3
"""Test OAuth 2.0 authorization server for maildesk's integration tests (loopback only, stdlib only).
Never use it in production. scripts/mailservers.sh starts it; servers.env has OAUTH2_TOKEN_URL etc.

  POST /token               refresh grant (RFC 6749 §6): grant_type, refresh_token, client_id, client_secret
                            (body, §2.3.1, or HTTP Basic). Answers access_token, token_type, expires_in and,
                            when the grant rotates, a new refresh_token; the old one is then invalid (§10.4).
                            Unknown or rotated-out refresh token: 400 invalid_grant (§5.2); bad client: 401.
  POST /introspect          RFC 7662 §2 (token=..., HTTP Basic client credentials, §2.1): {"active": true,
                            "username": ...} or {"active": false}. For Dovecot's oauth2 passdb.
  POST /control/grant       username=...[&expires_in=N][&rotate=yes|no] -> {"refresh_token": ...} (seeds a grant)
  POST /control/refuse-all  refuse=yes|no[&error=...&error_description=...]: refuse every refresh (400)
  GET  /control/stats       {"refreshes": n, "refused": n, "introspections": n}

State directory (--state-dir), so tests can seed or inspect grants with plain files:
  refresh/<token>  one file per valid refresh token: {"username": ..., "expires_in": n?, "rotate": bool?}
  refuse-all       while it exists every refresh is refused; a JSON object in it is the error body
  revoked/<user>   access tokens for <user> issued before this file's mtime are inactive (revocation)
Access tokens live in memory only. Token values are never logged.
"""
import argparse
import base64
import json
import os
import re
import secrets
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN_RE = re.compile(r"^[A-Za-z0-9._~-]{8,200}$")
MAX_BODY = 64 * 1024
LOCK = threading.Lock()


class State:
    def __init__(self, directory, client_id, client_secret, expires_in, rotate):
        self.directory = directory
        self.refresh_dir = os.path.join(directory, "refresh")
        self.client_id = client_id
        self.client_secret = client_secret
        self.expires_in = expires_in
        self.rotate = rotate
        self.access = {}  # token -> (username, expires_at, scope, issued_at)
        self.stats = {"refreshes": 0, "refused": 0, "introspections": 0}
        os.makedirs(self.refresh_dir, mode=0o700, exist_ok=True)

    def write_private(self, path, text):
        fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(text)
        os.replace(path + ".tmp", path)

    def grant(self, record):
        token = secrets.token_urlsafe(32)
        self.write_private(os.path.join(self.refresh_dir, token), json.dumps(record))
        return token

    def load_grant(self, token):
        if not token or not TOKEN_RE.match(token):
            return None
        try:
            with open(os.path.join(self.refresh_dir, token)) as f:
                record = json.loads(f.read() or "{}")
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) and record.get("username") else None

    def revoked(self, username, issued_at):
        try:
            return os.stat(os.path.join(self.directory, "revoked", username)).st_mtime >= issued_at
        except (OSError, ValueError):
            return False

    def refusal(self):
        path = os.path.join(self.directory, "refuse-all")
        if not os.path.exists(path):
            return None
        body = {"error": "invalid_grant", "error_description": "the test server refuses every refresh"}
        try:
            with open(path) as f:
                custom = json.loads(f.read() or "{}")
            if isinstance(custom, dict) and custom.get("error"):
                body = custom
        except (OSError, ValueError):
            pass
        return body


def log(message):
    sys.stderr.write("%s oauth2-server: %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%S"), message))
    sys.stderr.flush()


class Handler(BaseHTTPRequestHandler):
    server_version = "maildesk-test-oauth2/1"
    state = None  # set in main

    def log_message(self, fmt, *args):  # request lines carry no tokens (POST bodies only), paths are fixed
        log("%s %s" % (self.command, urllib.parse.urlsplit(self.path).path))

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")  # RFC 6749 §5.1
        self.send_header("Pragma", "no-cache")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError("body too large")
        raw = self.rfile.read(length).decode("utf-8", "replace")
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}

    def basic_client(self):
        header = self.headers.get("Authorization") or ""
        if not header.lower().startswith("basic "):
            return None, None
        try:
            decoded = base64.b64decode(header[6:].strip()).decode()
        except ValueError:
            return None, None
        user, _, password = decoded.partition(":")
        return urllib.parse.unquote_plus(user), urllib.parse.unquote_plus(password)

    def client_ok(self, client_id, secret):
        s = self.state
        return client_id == s.client_id and (s.client_secret is None or secret == s.client_secret)

    def do_GET(self):
        if urllib.parse.urlsplit(self.path).path == "/control/stats":
            with LOCK:
                return self.reply(200, dict(self.state.stats))
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        try:
            form = self.form()
        except ValueError:
            return self.reply(400, {"error": "invalid_request", "error_description": "unreadable body"})
        routes = {"/token": self.token, "/introspect": self.introspect,
                  "/control/grant": self.control_grant, "/control/refuse-all": self.control_refuse}
        if path not in routes:
            return self.reply(404, {"error": "not_found"})
        with LOCK:
            routes[path](form)

    def token(self, form):
        s = self.state
        basic_id, basic_secret = self.basic_client()
        client_id = basic_id if basic_id is not None else form.get("client_id")
        secret = basic_secret if basic_id is not None else form.get("client_secret")
        if form.get("grant_type") != "refresh_token":
            return self.reply(400, {"error": "unsupported_grant_type"})
        if not self.client_ok(client_id, secret):
            log("token: invalid client")
            return self.reply(401, {"error": "invalid_client", "error_description": "unknown client or wrong secret"})
        refusal = s.refusal()
        if refusal is not None:
            s.stats["refused"] += 1
            log("token: refused (refuse-all switch)")
            return self.reply(400, refusal)
        old = form.get("refresh_token", "")
        record = s.load_grant(old)
        if record is None:
            s.stats["refused"] += 1
            log("token: unknown or rotated-out refresh token")
            return self.reply(400, {"error": "invalid_grant",
                                    "error_description": "refresh token is invalid, expired or rotated out"})
        expires_in = int(record.get("expires_in") or s.expires_in)
        access = secrets.token_urlsafe(32)
        scope = form.get("scope", "")
        s.access[access] = (record["username"], time.time() + expires_in, scope, time.time())
        body = {"access_token": access, "token_type": "Bearer", "expires_in": expires_in}
        if scope:
            body["scope"] = scope
        rotate = record.get("rotate", s.rotate)
        if rotate:
            body["refresh_token"] = s.grant(record)
            os.unlink(os.path.join(s.refresh_dir, old))
        s.stats["refreshes"] += 1
        log("token: issued for %s (expires_in %d%s)" % (record["username"], expires_in, ", rotated" if rotate else ""))
        self.reply(200, body)

    def introspect(self, form):
        s = self.state
        if not self.client_ok(*self.basic_client()):
            return self.reply(401, {"error": "invalid_client"})
        s.stats["introspections"] += 1
        found = s.access.get(form.get("token", ""))
        if found is None or found[1] <= time.time() or s.revoked(found[0], found[3]):
            log("introspect: inactive token")
            return self.reply(200, {"active": False})
        username, expires_at, scope, _ = found
        log("introspect: active token for %s" % username)
        self.reply(200, {"active": True, "username": username, "client_id": s.client_id, "token_type": "Bearer",
                         "exp": int(expires_at), "scope": scope})

    def control_grant(self, form):
        if not form.get("username"):
            return self.reply(400, {"error": "invalid_request", "error_description": "username missing"})
        record = {"username": form["username"]}
        if form.get("expires_in"):
            record["expires_in"] = int(form["expires_in"])
        if form.get("rotate"):
            record["rotate"] = form["rotate"] == "yes"
        log("control: grant for %s" % record["username"])
        self.reply(200, {"refresh_token": self.state.grant(record)})

    def control_refuse(self, form):
        path = os.path.join(self.state.directory, "refuse-all")
        if form.get("refuse") == "yes":
            body = {"error": form.get("error") or "invalid_grant",
                    "error_description": form.get("error_description") or "the test server refuses every refresh"}
            self.state.write_private(path, json.dumps(body))
        elif os.path.exists(path):
            os.unlink(path)
        log("control: refuse-all %s" % ("on" if os.path.exists(path) else "off"))
        self.reply(200, {"refuse_all": os.path.exists(path)})


def main():
    parser = argparse.ArgumentParser(description="maildesk test OAuth 2.0 server (loopback only)")
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1", "::1"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--client-id", default="maildesk-test-client")
    parser.add_argument("--client-secret-file", help="file holding the client secret (none: any secret)")
    parser.add_argument("--expires-in", type=int, default=3600)
    parser.add_argument("--rotate", choices=["always", "never"], default="always")
    parser.add_argument("--pid-file")
    args = parser.parse_args()
    os.umask(0o077)
    secret = None
    if args.client_secret_file:
        with open(args.client_secret_file) as f:
            secret = f.read().strip()
    Handler.state = State(os.path.abspath(args.state_dir), args.client_id, secret, args.expires_in,
                          args.rotate == "always")
    ThreadingHTTPServer.address_family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    if args.pid_file:
        Handler.state.write_private(args.pid_file, "%d\n" % os.getpid())
    log("listening on %s port %d" % (args.host, args.port))
    server.serve_forever()


if __name__ == "__main__":
    main()
