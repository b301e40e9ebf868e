# maildesk — two commands: `make demo` and `make test` (see README.md).
SWIFT ?= swift
PREFIX ?= /usr/local
BIN := .build/debug

.PHONY: all deps test-deps build demo test bench clean

all: build

deps:
	scripts/install-deps.sh

test-deps:
	scripts/install-deps.sh --servers

build: deps
	$(SWIFT) build

# Runs the real pipeline on the crafted Maildir in fixtures/demo with an embedded SQLite database and a
# file outbox (demo-state/), prints the tickets, answers ticket 1 as agent alice, lists the mail written, and
# ends with the stats.
demo: build
	rm -rf demo-state
	$(BIN)/maildesk poll --once --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk tickets list --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk tickets reply 1 --as alice --file fixtures/demo/agent-reply.txt --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk tickets show 1 --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk kb list --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk tickets show 4 --config fixtures/demo/maildesk.toml
	@echo
	@echo "Mail written to demo-state/outbox/ (acknowledgements and auto-answers to customers, notifications to the agent, her reply):"
	@ls -1 demo-state/outbox/
	@echo
	$(BIN)/maildesk stats --config fixtures/demo/maildesk.toml

# Starts a private Dovecot (IMAP/IMAPS/LMTP) and Postfix (SMTP) on 127.0.0.1, runs every test, stops them.
test: test-deps
	scripts/test.sh

bench: test-deps
	$(SWIFT) build -c release --product maildesk-bench
	scripts/bench.sh

# `make install [PREFIX=/usr/local] [DESTDIR=staging]`: the release binary (built with -static-stdlib, so
# it needs no Swift runtime), systemd units (ExecStart rewritten to $(PREFIX)/bin), sysusers.d, an example
# config, the default template, the man page and bash/zsh/fish completions. Nothing under /etc/maildesk is
# overwritten except maildesk.toml.example. `scripts/verify-units.sh` stages it and runs systemd-analyze.
.PHONY: install
DESTDIR ?=
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DATADIR ?= $(PREFIX)/share
RELEASE_BIN := .build/release/maildesk
UNITS := maildesk.service maildesk-backup.service maildesk-backup.timer

install: deps
	$(SWIFT) build -c release -Xswiftc -static-stdlib --product maildesk
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(SYSCONFDIR)/maildesk \
		$(DESTDIR)$(DATADIR)/maildesk/templates $(DESTDIR)$(DATADIR)/man/man1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/maildesk
	for unit in $(UNITS); do \
		sed 's|/usr/local/bin/maildesk|$(PREFIX)/bin/maildesk|g' systemd/$$unit > $(DESTDIR)$(UNITDIR)/$$unit && \
		chmod 0644 $(DESTDIR)$(UNITDIR)/$$unit || exit 1; \
	done
	install -m 0644 systemd/maildesk.sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/maildesk.conf
	install -m 0644 fixtures/example/maildesk.toml $(DESTDIR)$(SYSCONFDIR)/maildesk/maildesk.toml.example
	install -m 0644 templates/acknowledgement.txt $(DESTDIR)$(DATADIR)/maildesk/templates/acknowledgement.txt
	# The man page is generated from the binary's CLI definitions; docs/maildesk.1 is the fallback.
	scripts/gen-manpage.py $(RELEASE_BIN) > $(DESTDIR)$(DATADIR)/man/man1/maildesk.1 2>/dev/null || \
		install -m 0644 docs/maildesk.1 $(DESTDIR)$(DATADIR)/man/man1/maildesk.1
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(DATADIR)/bash-completion/completions/maildesk
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(DATADIR)/zsh/site-functions/_maildesk
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/maildesk.fish
	@echo "installed maildesk into $(DESTDIR)$(PREFIX); next: systemd-sysusers, edit $(SYSCONFDIR)/maildesk/maildesk.toml,"
	@echo "  systemctl daemon-reload && systemctl enable --now maildesk.service maildesk-backup.timer"

clean:
	rm -rf .build demo-state .mailservers
