import GRDB

/// The database schema, as GRDB migrations. Never edit a shipped migration: add a new one.
enum StoreMigrations {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            // Raw mail exactly as received; everything else can be rebuilt from it (`replay`).
            try db.create(table: "raw_message") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("data", .blob).notNull()
                t.column("received_at", .datetime).notNull()
            }
            try db.create(table: "ticket") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("subject", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("priority", .text).notNull()
                t.column("category", .text)
                t.column("customer", .text).notNull().indexed()
                t.column("customer_name", .text)
                t.column("assignee", .text)
                t.column("follows_ticket", .integer).references("ticket")
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "participant") { t in
                t.column("ticket_id", .integer).notNull().references("ticket", onDelete: .cascade)
                t.column("address", .text).notNull()
                t.column("name", .text)
                t.column("role", .text).notNull()
                t.primaryKey(["ticket_id", "address"])
            }
            try db.create(table: "entry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("from_json", .text)
                t.column("to_json", .text).notNull().defaults(to: "[]")
                t.column("cc_json", .text).notNull().defaults(to: "[]")
                t.column("message_id", .text).indexed()
                t.column("subject", .text)
                t.column("body", .text).notNull()
                t.column("full_body", .text).notNull()
                t.column("html", .text)
                t.column("mail_class", .text)
                t.column("raw_id", .integer).references("raw_message")
                t.column("defects_json", .text).notNull().defaults(to: "[]")
                t.column("thread_rule", .text)
                t.column("explain_json", .text)
                t.column("created_at", .datetime).notNull()
            }
            // Content-addressed attachment bytes: the same bytes are stored once.
            try db.create(table: "blob") { t in
                t.primaryKey("sha256", .text)
                t.column("data", .blob).notNull()
            }
            try db.create(table: "attachment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("entry_id", .integer).notNull().indexed().references("entry", onDelete: .cascade)
                t.column("filename", .text)
                t.column("content_type", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("content_id", .text)
                t.column("disposition", .text)
                t.column("sha256", .text).notNull().references("blob")
            }
            // Message-IDs we generated, so replies to our mail find their ticket.
            try db.create(table: "outbound_message_id") { t in
                t.primaryKey("message_id", .text)
                t.column("ticket_id", .integer).notNull().references("ticket", onDelete: .cascade)
            }
            // One row per message seen at a source: what happened to it.
            try db.create(table: "ingest_record") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source", .text).notNull()
                t.column("uid_validity", .integer)
                t.column("uid", .integer)
                t.column("source_key", .text)
                t.column("message_id", .text)
                t.column("content_hash", .text).notNull()
                t.column("raw_id", .integer).notNull().references("raw_message")
                t.column("outcome", .text).notNull()
                t.column("entry_id", .integer).references("entry")
                t.column("ticket_id", .integer).references("ticket")
                t.column("duplicate_of", .integer).references("entry")
                t.column("server_done", .boolean).notNull().defaults(to: false)
                t.column("created_at", .datetime).notNull()
            }
            try db.create(index: "ingest_by_uid", on: "ingest_record", columns: ["source", "uid_validity", "uid"],
                          unique: true, condition: Column("uid") != nil)
            try db.create(index: "ingest_by_key", on: "ingest_record", columns: ["source", "source_key"],
                          unique: true, condition: Column("source_key") != nil)
            try db.create(index: "ingest_by_message", on: "ingest_record", columns: ["message_id", "content_hash"])
            try db.create(index: "ingest_pending_server", on: "ingest_record", columns: ["source", "server_done"])
            try db.create(table: "checkpoint") { t in
                t.primaryKey("source", .text)
                t.column("uid_validity", .integer).notNull()
                t.column("last_uid", .integer).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "quarantine") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("raw_id", .integer).notNull().references("raw_message")
                t.column("source", .text).notNull()
                t.column("uid", .integer)
                t.column("source_key", .text)
                t.column("reason", .text).notNull()
                t.column("status", .text).notNull().defaults(to: "held")
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).references("ticket", onDelete: .setNull)
                t.column("entry_id", .integer).references("entry", onDelete: .setNull)
                t.column("kind", .text).notNull()
                t.column("message_id", .text).notNull().indexed()
                t.column("envelope_from", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("data", .blob).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime).notNull()
                t.column("lease_until", .datetime)
                t.column("last_error", .text)
                t.column("created_at", .datetime).notNull()
                t.column("sent_at", .datetime)
            }
            try db.create(table: "auto_reply_log") { t in
                t.column("recipient", .text).notNull()
                t.column("ticket_id", .integer)
                t.column("sent_at", .datetime).notNull()
            }
            try db.create(index: "auto_reply_by_recipient", on: "auto_reply_log", columns: ["recipient", "sent_at"])
        }
        migrator.registerMigration("v2-thread-index") { db in
            // Outlook's conversation GUID of each stored mail (rule `thread_index`).
            try db.alter(table: "entry") { t in t.add(column: "thread_index", .text) }
            try db.create(index: "entry_by_thread_index", on: "entry", columns: ["thread_index"])
        }
        migrator.registerMigration("v3-undeliverable") { db in
            // Addresses that bounced permanently: no automatic mail until `until`.
            try db.create(table: "undeliverable") { t in
                t.primaryKey("address", .text)
                t.column("status", .text).notNull()
                t.column("reason", .text)
                t.column("ticket_id", .integer)
                t.column("until", .datetime).notNull()
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4-rate-limit-trips") { db in
            // The circuit breaker: an address that tripped a limit gets no automatic mail until `until`;
            // the admin is told once per trip.
            try db.create(table: "rate_limit_trip") { t in
                t.primaryKey("address", .text)
                t.column("reason", .text).notNull()
                t.column("tripped_at", .datetime).notNull()
                t.column("until", .datetime).notNull()
            }
        }
        migrator.registerMigration("v5-subject-key") { db in
            // RFC 5256 base subject of each ticket, for the optional same_subject rule.
            try db.alter(table: "ticket") { t in t.add(column: "subject_key", .text) }
            try db.create(index: "ticket_by_customer_subject", on: "ticket", columns: ["customer", "subject_key"])
        }
        migrator.registerMigration("v6-agents") { db in
            // Agents working from their mail client: who wrote an entry, tags, merges, and an audit
            // trail of every command (who did what, when).
            try db.alter(table: "entry") { t in t.add(column: "author", .text) }
            try db.alter(table: "ticket") { t in t.add(column: "merged_into", .integer).references("ticket") }
            try db.create(table: "ticket_tag") { t in
                t.column("ticket_id", .integer).notNull().references("ticket", onDelete: .cascade)
                t.column("tag", .text).notNull()
                t.primaryKey(["ticket_id", "tag"])
            }
            try db.create(table: "ticket_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_id", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("detail", .text)
                t.column("entry_id", .integer).references("entry", onDelete: .setNull)
                t.column("created_at", .datetime).notNull()
            }
        }

        migrator.registerMigration("v7-classifier") { db in
            // Trained ticket classifiers; every version is kept, the newest one is used.
            try db.create(table: "classifier_model") { t in
                t.autoIncrementedPrimaryKey("version")
                t.column("created_at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("labels", .text).notNull()
                t.column("n_train", .integer).notNull()
                t.column("metrics", .text).notNull()
                t.column("model", .blob).notNull()
            }
        }
        migrator.registerMigration("v8-kb") { db in
            try KBStore.createSchema(db)
        }
        migrator.registerMigration("v9-privacy") { db in
            // CRM-lite overrides (organisation) and the privacy audit: who erased or exported what,
            // naming the customer only by a keyed hash, never by the data itself.
            try db.create(table: "customer_profile") { t in
                t.primaryKey("address", .text)
                t.column("organisation", .text)
            }
            try db.create(table: "privacy_audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("action", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("subject_hash", .text).notNull()
                t.column("counts", .text).notNull()
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v10-due") { db in
            // The due estimate of each new ticket (SLA due date), when enough closed tickets exist.
            try db.alter(table: "ticket") { t in t.add(column: "due_at", .datetime) }
        }
        migrator.registerMigration("v11-outbox-lease-owner") { db in
            // Who holds a `sending` row's lease ("host pid start-time"), so `outbox list` can tell a
            // live sender from one that died (docs/admin-guide.md#the-outbox).
            try db.alter(table: "outbox") { t in t.add(column: "lease_owner", .text) }
        }
        return migrator
    }
}
