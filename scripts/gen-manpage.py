#!/usr/bin/env python3
"""Writes maildesk(1) in roff from the CLI definitions.

Usage: scripts/gen-manpage.py PATH/TO/maildesk > docs/maildesk.1

The COMMANDS section comes from `maildesk --experimental-dump-help` (swift-argument-parser's
description of every subcommand, option and argument), so the page always matches the binary;
the other sections (signals, files, environment, exit status) are written here.
"""
import json
import subprocess
import sys


def esc(text):
    """Roff-escapes running text: backslashes, and a leading dot or quote."""
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith(".") or line.startswith("'"):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def flag_names(argument):
    names = []
    for name in argument.get("names", []):
        prefix = "-" if name["kind"] == "short" else "--"
        if name["kind"] == "longWithSingleDash":
            prefix = "-"
        names.append("\\fB" + esc(prefix + name["name"]) + "\\fR")
    return ", ".join(names)


def synopsis(path, command):
    parts = ["\\fBmaildesk\\fR"] + ["\\fB" + esc(p) + "\\fR" for p in path]
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True) or argument.get("valueName") in GLOBAL:
            continue
        if argument["kind"] == "positional":
            word = "\\fI" + esc(argument["valueName"]) + "\\fR" + ("..." if argument.get("isRepeating") else "")
        else:
            preferred = argument.get("preferredName", {})
            word = "\\fB" + esc(("-" if preferred.get("kind") == "short" else "--") + preferred.get("name", "")) + "\\fR"
            if argument["kind"] == "option":
                word += " \\fI" + esc(argument["valueName"]) + "\\fR"
        parts.append("[" + word + "]" if argument.get("isOptional") else word)
    return " ".join(parts)


GLOBAL = {"config", "log-level", "json", "help"}


def describe(path, command, out):
    subcommands = [s for s in command.get("subcommands", []) if s.get("shouldDisplay", True)
                   and s["commandName"] != "help"]
    if path:
        out.append(".TP")
        out.append(synopsis(path, command) if not subcommands else "\\fBmaildesk " + esc(" ".join(path)) + "\\fR \\fIsubcommand\\fR")
        out.append(esc(command.get("abstract", "")))
        if command.get("discussion"):
            out.append(".IP")
            out.append(esc(command["discussion"]))
        for argument in command.get("arguments", []):
            if not argument.get("shouldDisplay", True) or argument.get("valueName") in GLOBAL:
                continue
            label = flag_names(argument) if argument["kind"] != "positional" else "\\fI" + esc(argument["valueName"]) + "\\fR"
            if argument["kind"] == "option":
                label += " \\fI" + esc(argument["valueName"]) + "\\fR"
            text = esc(argument.get("abstract", ""))
            if argument.get("defaultValue"):
                text += " (default: " + esc(argument["defaultValue"]) + ")"
            out.append(".RS")
            out.append(".TP")
            out.append(label)
            out.append(text)
            out.append(".RE")
    for sub in subcommands:
        describe(path + [sub["commandName"]], sub, out)


HEAD = r""".TH MAILDESK 1 "" "maildesk" "User Commands"
.SH NAME
maildesk \- turn support mail into tickets
.SH SYNOPSIS
\fBmaildesk\fR \fIcommand\fR [\fB\-\-config\fR \fIFILE\fR] [\fB\-\-log\-level\fR \fILEVEL\fR] [\fB\-\-json\fR] [\fIarguments\fR]
.SH DESCRIPTION
\fBmaildesk\fR fetches the mail that customers send to the support address over IMAP(S) (or reads a
Maildir, or takes one message on standard input from the MTA), stores every raw message, parses it,
threads it into tickets, acknowledges new tickets and sends mail through a persistent outbox over SMTP.
State lives in one SQLite database. \fBmaildesk run\fR is the daemon, normally started by systemd as
\fBmaildesk.service\fR; the other commands are for administrators and scripts.
.SH GLOBAL OPTIONS
.TP
\fB\-\-config\fR \fIFILE\fR
Configuration file (TOML), default \fI/etc/maildesk/maildesk.toml\fR. Relative paths in it are relative
to the file. An unknown key, a wrong type or a missing required key is reported as one line naming the
file, line and key (exit status 78).
.TP
\fB\-\-log\-level\fR \fILEVEL\fR
trace, debug, info, notice, warning, error or critical. Logs go to standard error (the journal under systemd).
.TP
\fB\-\-json\fR
Print one JSON document on standard output.
.TP
\fB\-h\fR, \fB\-\-help\fR
Show help for a command.
.SH COMMANDS
"""

TAIL = r""".SH SIGNALS
For \fBmaildesk run\fR:
.TP
\fBSIGTERM\fR, \fBSIGINT\fR
Finish the current message, commit the checkpoint, stop the outbox sender and exit 0.
.TP
\fBSIGHUP\fR
Re-read and validate the configuration file and the mail templates without restarting; logs
"reloaded" with the changed keys. Templates, \fB[imap] poll_interval\fR, \fB[limits]\fR, the
\fB[helpdesk]\fR texts, rules and agents, \fB[kb]\fR and \fB[metrics]\fR apply live; changed keys
naming a resource opened at start (database, mail servers and their credentials, directories, the
secret) are logged as needing a restart. An invalid file or unreadable template changes nothing and is
logged as one line with file, line and key.
.SH SYSTEMD
\fBmaildesk run\fR speaks the sd_notify protocol when \fB$NOTIFY_SOCKET\fR is set (\fBType=notify\fR):
\fBREADY=1\fR once its services run, a \fBSTATUS=\fR line after each poll (last poll time, mails
fetched, outbox depth), \fBWATCHDOG=1\fR every \fBWatchdogSec=\fR/2 when \fB$WATCHDOG_USEC\fR is set,
\fBRELOADING=1\fR with \fBMONOTONIC_USEC=\fR before and \fBREADY=1\fR after a SIGHUP reload, and
\fBSTOPPING=1\fR on shutdown. With \fB[metrics] textfile\fR set, a Prometheus textfile is rewritten
atomically after each poll.
.SH ENVIRONMENT
.TP
\fBMAILDESK_IMAP_PASSWORD\fR, \fBMAILDESK_SMTP_PASSWORD\fR
Passwords, when the configuration has no \fBpassword_file\fR.
.TP
\fBCREDENTIALS_DIRECTORY\fR
Set by systemd's \fBLoadCredential=\fR; the credentials \fIimap\-password\fR and \fIsmtp\-password\fR are read from it.
.TP
\fBNOTIFY_SOCKET\fR, \fBWATCHDOG_USEC\fR, \fBWATCHDOG_PID\fR
Set by systemd for \fBType=notify\fR services and \fBWatchdogSec=\fR.
.SH FILES
.TP
\fI/etc/maildesk/maildesk.toml\fR
Configuration (an annotated example is installed as \fImaildesk.toml.example\fR).
.TP
\fI/etc/maildesk/templates/acknowledgement.txt\fR
Override of the built\-in acknowledgement text (the default is installed under \fIshare/maildesk/templates\fR).
.TP
\fI/var/lib/maildesk/maildesk.sqlite\fR
The database (WAL mode); \fImaildesk.sqlite.ingest.lock\fR, \fI.send.lock\fR and the HMAC \fIsecret\fR sit beside it.
.TP
\fI/var/lib/maildesk/backup/\fR
Daily backups written by \fBmaildesk\-backup.timer\fR.
.SH EXIT STATUS
0 ok; 1 a check failed or another error; 64 usage; 65 bad input data; 75 temporary failure (\fBingest\fR:
the MTA retries); 78 configuration error. \fBingest\fR exits 0 after quarantining a message.
.SH EXAMPLES
Postfix pipe delivery in \fImaster.cf\fR:
.PP
.nf
maildesk unix \- n n \- \- pipe flags=DRhu user=maildesk
  argv=/usr/local/bin/maildesk ingest \-\-config /etc/maildesk/maildesk.toml
.fi
.PP
.nf
systemctl enable \-\-now maildesk.service maildesk\-backup.timer
systemctl reload maildesk.service      # re\-read configuration and templates
maildesk tickets list \-\-status open \-\-since 7d
.fi
.SH SEE ALSO
\fBsystemd.service\fR(5), \fBsd_notify\fR(3), \fBsysusers.d\fR(5), \fBpostconf\fR(5)
"""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen-manpage.py PATH/TO/maildesk > maildesk.1")
    dump = subprocess.run([sys.argv[1], "--experimental-dump-help"], check=True, capture_output=True).stdout
    root = json.loads(dump)["command"]
    out = [HEAD.rstrip("\n")]
    describe([], root, out)
    sys.stdout.write("\n".join(out) + "\n" + TAIL)


if __name__ == "__main__":
    main()
