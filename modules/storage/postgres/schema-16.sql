-- SPDX-License-Identifier: GPL-3.0-or-later
-- SPDX-FileCopyrightText: GridDesk contributors
--
-- Step 16 of a PostgreSQL store, as the workspace's step 16: the register through sync. Each
-- history line says where it was made (here, or taken in from a server above), the command
-- that carried the change, and what a merge names.

ALTER TABLE register_history ADD COLUMN origin TEXT NOT NULL DEFAULT ''
    CHECK (origin IN ('', 'server'));
ALTER TABLE register_history ADD COLUMN command TEXT;
ALTER TABLE register_history ADD COLUMN data TEXT;
CREATE INDEX register_history_origin ON register_history(origin, id);

-- The register's duplicate check reads an entry's field as SQLite's json_extract(fields, '$.key')
-- does: the server checks the entries desks send with the same query on both stores.
CREATE FUNCTION json_extract(document text, path text) RETURNS text LANGUAGE sql IMMUTABLE STRICT
AS $$
    SELECT (document::jsonb) #>> string_to_array(substr(path, 3), '.')
$$;
