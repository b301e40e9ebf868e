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
# file outbox (demo-state/), then prints the tickets and the acknowledgements that were written.
demo: build
	rm -rf demo-state
	$(BIN)/maildesk poll --once --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk tickets list --config fixtures/demo/maildesk.toml
	@echo
	$(BIN)/maildesk tickets show 1 --config fixtures/demo/maildesk.toml
	@echo
	@echo "Acknowledgements written to demo-state/outbox/:"
	@ls -1 demo-state/outbox/

# Starts a private Dovecot (IMAP/IMAPS/LMTP) and Postfix (SMTP) on 127.0.0.1, runs every test, stops them.
test: test-deps
	scripts/test.sh

bench: test-deps
	$(SWIFT) build -c release --product maildesk-bench
	scripts/bench.sh

clean:
	rm -rf .build demo-state .mailservers
