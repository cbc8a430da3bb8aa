-- SPDX-License-Identifier: GPL-3.0-or-later
-- SPDX-FileCopyrightText: GridDesk contributors
--
-- Step 14 of a PostgreSQL store, as the workspace's step 14: the links of cases to the register
-- entries they concern, and the indexes the report desk's offers and the register's search use.

CREATE TABLE case_entry_links (
    case_id BIGINT NOT NULL REFERENCES cases(fid) DEFERRABLE INITIALLY DEFERRED,
    entry_code TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('concerns', 'reporter')),
    linked_by TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    PRIMARY KEY (case_id, entry_code, role)
);
CREATE INDEX case_entry_links_entry ON case_entry_links(entry_code);
CREATE INDEX register_entries_address ON register_entries(address);
CREATE INDEX register_entries_by_name ON register_entries(name);
