// Migration 4: dead letters dropped from Redis by the count and age caps are kept here.

extension Migration {
    /// `dead_letter_archive`.
    public static let deadLetterArchive = Migration(
        version: 4, name: "dead_letter_archive",
        sql: """
            CREATE TABLE dead_letter_archive (
                id text PRIMARY KEY,
                queue text NOT NULL,
                kind text NOT NULL,
                error text NOT NULL,
                attempts integer NOT NULL,
                died_at timestamptz NOT NULL,
                payload text NOT NULL,
                history jsonb NOT NULL,
                archived_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX dead_letter_archive_died_idx ON dead_letter_archive (died_at);
            """)
}
