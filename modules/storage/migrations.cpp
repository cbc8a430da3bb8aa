// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "migrations.h"

#include <QFile>

namespace GridDesk::Migrations {

namespace {

/// Lists tables in gpkg_contents as attribute tables (no geometry), so GDAL and QGIS see them.
QStringList attributeTables(std::initializer_list<const char *> tables)
{
    QStringList statements;
    for (const char *table : tables)
        statements << QStringLiteral("INSERT INTO gpkg_contents (table_name, data_type, "
                                     "identifier) VALUES ('%1', 'attributes', '%1')")
                          .arg(QLatin1String(table));
    return statements;
}

QStringList rtreeIndex(const QString &table)
{
    // The R-tree extension of GeoPackage 1.2: the index table plus triggers keeping it in step
    // with the feature table, so QGIS and GDAL may edit the file as well as GridDesk.
    const QString rtree = QStringLiteral("rtree_%1_geom").arg(table);
    // Updates delete and re-insert instead of INSERT OR REPLACE: an UPSERT on the feature
    // table would impose its own conflict handling on the trigger and fail on the index.
    const QString insert =
        QStringLiteral("INSERT INTO %1 VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), "
                       "ST_MinY(NEW.geom), ST_MaxY(NEW.geom));")
            .arg(rtree);
    const QString notEmpty = QStringLiteral("(NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))");
    const QString removeOld = QStringLiteral("DELETE FROM %1 WHERE id = OLD.fid;").arg(rtree);
    return {
        QStringLiteral("CREATE VIRTUAL TABLE %1 USING rtree(id, minx, maxx, miny, maxy)")
            .arg(rtree),
        QStringLiteral("CREATE TRIGGER %1_insert AFTER INSERT ON %2 WHEN %3 BEGIN %4 END")
            .arg(rtree, table, notEmpty, insert),
        QStringLiteral("CREATE TRIGGER %1_update1 AFTER UPDATE OF geom ON %2 WHEN OLD.fid = "
                       "NEW.fid AND %3 BEGIN %4 %5 END")
            .arg(rtree, table, notEmpty, removeOld, insert),
        QStringLiteral("CREATE TRIGGER %1_update2 AFTER UPDATE OF geom ON %2 WHEN OLD.fid = "
                       "NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom)) BEGIN %3 END")
            .arg(rtree, table, removeOld),
        QStringLiteral("CREATE TRIGGER %1_update3 AFTER UPDATE ON %2 WHEN OLD.fid != NEW.fid "
                       "BEGIN %3 INSERT INTO %1 SELECT NEW.fid, ST_MinX(NEW.geom), "
                       "ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom) WHERE %4; END")
            .arg(rtree, table, removeOld, notEmpty),
        QStringLiteral("CREATE TRIGGER %1_delete AFTER DELETE ON %2 WHEN OLD.geom NOT NULL "
                       "BEGIN DELETE FROM %1 WHERE id = OLD.fid; END")
            .arg(rtree, table),
        QStringLiteral("INSERT INTO gpkg_extensions VALUES ('%1', 'geom', 'gpkg_rtree_index', "
                       "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')")
            .arg(table),
    };
}

QStringList geopackageCore()
{
    return {
        QStringLiteral("PRAGMA application_id = 1196444487"), // "GPKG"
        QStringLiteral("PRAGMA user_version = 10200"),
        QStringLiteral(
            "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY "
            "KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
            "definition TEXT NOT NULL, description TEXT)"),
        QStringLiteral(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, "
            "'undefined', 'undefined cartesian coordinate reference system'), ('Undefined "
            "geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate "
            "reference system'), ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS "
            "84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\","
            "\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\","
            "\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS["
            "\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]', "
            "'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')"),
        QStringLiteral(
            "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT "
            "NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT "
            "NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, "
            "max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY "
            "(srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))"),
        QStringLiteral(
            "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT "
            "NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, "
            "m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
            "CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY "
            "(table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY "
            "(srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))"),
        QStringLiteral(
            "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT "
            "NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE "
            "(table_name, column_name, extension_name))"),
    };
}

QStringList version1()
{
    QStringList statements = geopackageCore();
    statements << QStringLiteral(
        "CREATE TABLE grids (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, "
        "code TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', level TEXT NOT NULL, "
        "parent_code TEXT, area_m2 REAL NOT NULL DEFAULT 0, source_file TEXT, "
        "imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))")
               << QStringLiteral("CREATE INDEX grids_level ON grids(level)")
               << QStringLiteral("CREATE INDEX grids_parent ON grids(parent_code)")
               << QStringLiteral(
                      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                      "srs_id) VALUES ('grids', 'features', 'grids', 'Base, fine and business "
                      "grids with their parents', 4326)")
               << QStringLiteral("INSERT INTO gpkg_geometry_columns VALUES ('grids', 'geom', "
                                 "'MULTIPOLYGON', 4326, 0, 0)");
    statements << rtreeIndex(QStringLiteral("grids"));

    statements << QStringLiteral(
        "CREATE TABLE cases (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, "
        "source TEXT NOT NULL, external_id TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', "
        "descriptor TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '', agency TEXT NOT "
        "NULL DEFAULT '', address TEXT NOT NULL DEFAULT '', created TEXT, closed TEXT, "
        "grid_code TEXT, flags TEXT NOT NULL DEFAULT '', UNIQUE (source, external_id))")
               << QStringLiteral("CREATE INDEX cases_grid ON cases(grid_code)")
               << QStringLiteral(
                      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                      "srs_id) VALUES ('cases', 'features', 'cases', 'Cases with the grid each "
                      "falls in', 4326)")
               << QStringLiteral("INSERT INTO gpkg_geometry_columns VALUES ('cases', 'geom', "
                                 "'POINT', 4326, 0, 0)");
    statements << rtreeIndex(QStringLiteral("cases"));

    statements << QStringLiteral(
        "CREATE TABLE griddesk_metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
               << QStringLiteral(
                      "CREATE TABLE griddesk_imports (id INTEGER PRIMARY KEY AUTOINCREMENT, kind "
                      "TEXT NOT NULL, file TEXT NOT NULL, summary TEXT NOT NULL, imported_at TEXT "
                      "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))")
               << QStringLiteral("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                                 "description) VALUES ('griddesk_imports', 'attributes', "
                                 "'griddesk_imports', 'What was imported, when')");
    return statements;
}

QStringList version2()
{
    QStringList statements;
    // The history of every case: append-only, enforced by the file itself so that no program
    // writing to it (GridDesk, GDAL, a SQL console) can edit a case's past away.
    statements << QStringLiteral(
        "CREATE TABLE case_events (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT "
        "NULL, sequence INTEGER NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, role TEXT "
        "NOT NULL, unit TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, from_state TEXT, to_state "
        "TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', data TEXT NOT NULL DEFAULT '{}', "
        "recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), "
        "UNIQUE (case_id, sequence))")
               << QStringLiteral("CREATE TRIGGER case_events_no_update BEFORE UPDATE ON "
                                 "case_events BEGIN SELECT RAISE(ABORT, 'case history cannot be "
                                 "changed'); END")
               << QStringLiteral("CREATE TRIGGER case_events_in_order BEFORE INSERT ON "
                                 "case_events WHEN NEW.sequence != (SELECT coalesce(max(sequence), "
                                 "0) + 1 FROM case_events WHERE case_id = NEW.case_id) BEGIN "
                                 "SELECT RAISE(ABORT, 'case history is only appended, in "
                                 "order'); END")
               << QStringLiteral("CREATE TRIGGER case_events_no_delete BEFORE DELETE ON "
                                 "case_events BEGIN SELECT RAISE(ABORT, 'case history cannot be "
                                 "deleted'); END")
               << QStringLiteral("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                                 "description) VALUES ('case_events', 'attributes', "
                                 "'case_events', 'Every action taken on every case')");

    // What the events add up to, kept on the case row so queues filter and sort in SQL.
    const QStringList caseColumns {
        QStringLiteral("state TEXT NOT NULL DEFAULT 'reported'"),
        QStringLiteral("version INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("lead_unit TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("stage_started TEXT"),
        QStringLiteral("deadline TEXT"),
        QStringLiteral("suspended INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("case_types TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("dispatch_rule TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("co_units TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("extension_pending INTEGER NOT NULL DEFAULT 0"),
    };
    for (const QString &column : caseColumns)
        statements << QStringLiteral("ALTER TABLE cases ADD COLUMN %1").arg(column);
    statements << QStringLiteral("CREATE INDEX cases_state ON cases(state, deadline)")
               << QStringLiteral("CREATE INDEX cases_lead_unit ON cases(lead_unit, state)");

    // Cases imported before histories existed get the report that created them.
    statements << QStringLiteral(
        "INSERT INTO case_events (case_id, sequence, action, actor, role, at, to_state, data) "
        "SELECT fid, 1, 'report', 'import', 'system', COALESCE(created, strftime('%Y-%m-%dT%H:"
        "%M:%S','now')), 'reported', json_object('channel', source, 'category', category) FROM "
        "cases")
               << QStringLiteral("UPDATE cases SET version = 1, stage_started = created");

    statements << QStringLiteral(
        "CREATE TABLE org_units (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, tier "
        "INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 6), parent_code TEXT)")
               << QStringLiteral("CREATE TABLE local_users (name TEXT PRIMARY KEY NOT NULL, role "
                                 "TEXT NOT NULL, unit_code TEXT NOT NULL DEFAULT '')")
               << QStringLiteral(
                      "CREATE TABLE case_categories (code TEXT PRIMARY KEY NOT NULL, parent_code "
                      "TEXT, kind TEXT NOT NULL, name TEXT NOT NULL, default_unit TEXT NOT NULL "
                      "DEFAULT '', limits TEXT NOT NULL DEFAULT '{}')")
               << QStringLiteral(
                      "CREATE TABLE dispatch_rules (position INTEGER PRIMARY KEY, id TEXT NOT "
                      "NULL UNIQUE, name TEXT NOT NULL DEFAULT '', enabled INTEGER NOT NULL "
                      "DEFAULT 1, category TEXT NOT NULL DEFAULT '', grid_code TEXT NOT NULL "
                      "DEFAULT '', time_from TEXT, time_to TEXT, channel TEXT NOT NULL DEFAULT "
                      "'', unit TEXT NOT NULL, co_units TEXT NOT NULL DEFAULT '')")
               << QStringLiteral("CREATE TABLE calendar_days (date TEXT PRIMARY KEY NOT NULL, "
                                 "kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '')")
               << QStringLiteral(
                      "CREATE TABLE case_attachments (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                      "case_id INTEGER NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL, size "
                      "INTEGER NOT NULL, content BLOB NOT NULL, added_by TEXT NOT NULL, added_at "
                      "TEXT NOT NULL)")
               << QStringLiteral("CREATE INDEX case_attachments_case ON case_attachments(case_id)");
    return statements;
}

QStringList version3()
{
    QStringList statements;
    statements << QStringLiteral("ALTER TABLE grids ADD COLUMN supervisor TEXT NOT NULL DEFAULT ''")
               << QStringLiteral("ALTER TABLE grids ADD COLUMN households INTEGER")
               << QStringLiteral("ALTER TABLE grids ADD COLUMN population INTEGER");

    // Editions: every grid row as it was in each published edition, valid from the edition
    // that made it until the one that replaced it (NULL: still valid).
    statements << QStringLiteral(
        "CREATE TABLE grid_editions (number INTEGER PRIMARY KEY, published_at TEXT NOT NULL, "
        "published_by TEXT NOT NULL, note TEXT NOT NULL, grid_count INTEGER NOT NULL, "
        "changed_count INTEGER NOT NULL)")
               << QStringLiteral(
                      "CREATE TABLE grid_versions (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT "
                      "NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT, "
                      "supervisor TEXT NOT NULL DEFAULT '', households INTEGER, population "
                      "INTEGER, area_m2 REAL NOT NULL, wkb BLOB, valid_from INTEGER NOT NULL, "
                      "valid_to INTEGER)")
               << QStringLiteral("CREATE INDEX grid_versions_edition ON grid_versions(valid_from, "
                                 "valid_to)")
               << QStringLiteral("CREATE INDEX grid_versions_code ON grid_versions(code)")
               << QStringLiteral(
                      "CREATE TABLE grid_lineage (edition INTEGER NOT NULL, from_code TEXT NOT "
                      "NULL DEFAULT '', to_code TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL)");

    // The draft: grids added, changed (deleted = 0) or deleted (1) since the last edition.
    statements << QStringLiteral(
        "CREATE TABLE grid_draft (code TEXT PRIMARY KEY NOT NULL, deleted INTEGER NOT NULL "
        "DEFAULT 0, name TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '', parent_code "
        "TEXT, supervisor TEXT NOT NULL DEFAULT '', households INTEGER, population INTEGER, "
        "area_m2 REAL NOT NULL DEFAULT 0, wkb BLOB)")
               << QStringLiteral("CREATE TABLE grid_draft_lineage (id INTEGER PRIMARY KEY "
                                 "AUTOINCREMENT, from_code TEXT NOT NULL DEFAULT '', to_code TEXT "
                                 "NOT NULL DEFAULT '', kind TEXT NOT NULL)")
               << QStringLiteral(
                      "CREATE TABLE topology_acceptances (key TEXT PRIMARY KEY NOT NULL, reason "
                      "TEXT NOT NULL, accepted_by TEXT NOT NULL, accepted_at TEXT NOT NULL)");
    statements << attributeTables({"grid_editions", "grid_versions", "grid_lineage", "grid_draft",
        "grid_draft_lineage", "topology_acceptances"});
    return statements;
}

QStringList version4()
{
    QStringList statements;
    // The org chart's own columns live beside org_units, keyed by code, so that the workflow's
    // four columns stay as they are and a unit keeps its details when the workflow saves.
    statements << QStringLiteral(
        "CREATE TABLE org_unit_details (code TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL "
        "DEFAULT 'tier' CHECK (kind IN ('tier', 'joint')), contact TEXT NOT NULL DEFAULT '', "
        "jurisdiction TEXT NOT NULL DEFAULT '', retired INTEGER NOT NULL DEFAULT 0, retired_at "
        "TEXT)")
               << QStringLiteral(
                      "CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT "
                      "NULL, post TEXT NOT NULL, unit_code TEXT NOT NULL DEFAULT '', grid_codes "
                      "TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', id_number TEXT "
                      "NOT NULL DEFAULT '', retired INTEGER NOT NULL DEFAULT 0)")
               << QStringLiteral("CREATE INDEX people_unit ON people(unit_code)");

    // Who saw whose personal numbers and why: append-only like the case history.
    statements << QStringLiteral(
        "CREATE TABLE personal_data_reveals (id INTEGER PRIMARY KEY AUTOINCREMENT, revealed_by "
        "TEXT NOT NULL, role TEXT NOT NULL, person_id INTEGER NOT NULL, field TEXT NOT NULL, "
        "reason TEXT NOT NULL CHECK (length(trim(reason)) > 0), revealed_at TEXT NOT NULL)")
               << QStringLiteral("CREATE TRIGGER personal_data_reveals_no_update BEFORE UPDATE ON "
                                 "personal_data_reveals BEGIN SELECT RAISE(ABORT, 'the reveal log "
                                 "cannot be changed'); END")
               << QStringLiteral("CREATE TRIGGER personal_data_reveals_no_delete BEFORE DELETE ON "
                                 "personal_data_reveals BEGIN SELECT RAISE(ABORT, 'the reveal log "
                                 "cannot be deleted'); END");
    statements << attributeTables({"org_unit_details", "people", "personal_data_reveals"});
    return statements;
}

QStringList version5()
{
    QStringList statements;
    statements << QStringLiteral("ALTER TABLE org_unit_details ADD COLUMN departments TEXT NOT "
                                 "NULL DEFAULT ''")
               << QStringLiteral("ALTER TABLE org_unit_details ADD COLUMN linked_units TEXT NOT "
                                 "NULL DEFAULT ''");
    // Lists of codes and ids are kept as text separated by semicolons, like the unit's
    // jurisdiction, so the tables stay readable in any SQLite or GeoPackage tool.
    statements << QStringLiteral(
        "CREATE TABLE org_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL "
        "CHECK (kind IN ('coordination', 'leading')), unit_code TEXT NOT NULL, remit TEXT NOT "
        "NULL DEFAULT '', member_units TEXT NOT NULL DEFAULT '', member_people TEXT NOT NULL "
        "DEFAULT '', dissolved INTEGER NOT NULL DEFAULT 0)");
    statements << QStringLiteral(
        "CREATE TABLE org_history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, by "
        "TEXT NOT NULL, unit_code TEXT NOT NULL DEFAULT '', person_id INTEGER, group_id "
        "INTEGER, action TEXT NOT NULL, detail TEXT NOT NULL)")
               << QStringLiteral("CREATE INDEX org_history_unit ON org_history(unit_code)")
               << QStringLiteral("CREATE TRIGGER org_history_no_update BEFORE UPDATE ON "
                                 "org_history BEGIN SELECT RAISE(ABORT, 'the org history cannot "
                                 "be changed'); END")
               << QStringLiteral("CREATE TRIGGER org_history_no_delete BEFORE DELETE ON "
                                 "org_history BEGIN SELECT RAISE(ABORT, 'the org history cannot "
                                 "be deleted'); END");
    statements << attributeTables({"org_groups", "org_history"});
    return statements;
}

QStringList version6()
{
    QStringList statements;
    // The organisation's copy of the standard system tree. A node's code is not stored: it
    // follows from the node's number among its siblings and its ancestors', so renumbering a
    // category re-codes its subtree without touching it.
    statements << QStringLiteral(
        "CREATE TABLE standards_nodes (id INTEGER PRIMARY KEY, parent_id INTEGER, number INTEGER "
        "NOT NULL CHECK (number > 0), clause TEXT NOT NULL DEFAULT '', root_code TEXT NOT NULL "
        "DEFAULT '', title_zh TEXT NOT NULL, title_en TEXT NOT NULL, summary_zh TEXT NOT NULL "
        "DEFAULT '', summary_en TEXT NOT NULL DEFAULT '', UNIQUE (parent_id, number))");
    statements << QStringLiteral(
        "CREATE TABLE standards_attached (id INTEGER PRIMARY KEY AUTOINCREMENT, node_id INTEGER "
        "NOT NULL, number TEXT NOT NULL CHECK (length(trim(number)) > 0), title TEXT NOT NULL, "
        "level TEXT NOT NULL CHECK (level IN ('national', 'industry', 'local', 'group', "
        "'internal')), status TEXT NOT NULL CHECK (status IN ('in_force', 'draft', 'revised', "
        "'withdrawn')), published TEXT, implemented TEXT, file_name TEXT NOT NULL DEFAULT '', "
        "file_size INTEGER NOT NULL DEFAULT 0, content BLOB, added_by TEXT NOT NULL, added_at "
        "TEXT NOT NULL, UNIQUE (node_id, number))")
               << QStringLiteral(
                      "CREATE INDEX standards_attached_node ON standards_attached(node_id)");
    statements << QStringLiteral(
        "CREATE TABLE standards_history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
        "by TEXT NOT NULL, action TEXT NOT NULL, node_id INTEGER, code TEXT NOT NULL DEFAULT '', "
        "detail TEXT NOT NULL)")
               << QStringLiteral("CREATE TRIGGER standards_history_no_update BEFORE UPDATE ON "
                                 "standards_history BEGIN SELECT RAISE(ABORT, 'the standards "
                                 "history cannot be changed'); END")
               << QStringLiteral("CREATE TRIGGER standards_history_no_delete BEFORE DELETE ON "
                                 "standards_history BEGIN SELECT RAISE(ABORT, 'the standards "
                                 "history cannot be deleted'); END");
    statements << attributeTables({"standards_nodes", "standards_attached", "standards_history"});
    return statements;
}

QStringList version7()
{
    QStringList statements;
    // The central server's accounts and sessions. Only hashes are kept: an Argon2id string
    // for each password and the SHA-256 of each session token, so a copy of the file lets no
    // one log in.
    statements << QStringLiteral(
        "CREATE TABLE server_users (name TEXT PRIMARY KEY NOT NULL, password_hash TEXT NOT NULL, "
        "role TEXT NOT NULL, unit_code TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, "
        "failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, created_at TEXT NOT NULL, "
        "password_changed_at TEXT NOT NULL)")
               << QStringLiteral(
                      "CREATE TABLE server_sessions (token_hash TEXT PRIMARY KEY NOT NULL, "
                      "user_name TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT "
                      "NULL)")
               << QStringLiteral("CREATE INDEX server_sessions_user ON server_sessions(user_name)");

    // Logins, lockouts, account changes and refused requests: append-only like the case
    // history.
    statements << QStringLiteral(
        "CREATE TABLE server_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
        "user_name TEXT NOT NULL, what TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')")
               << QStringLiteral("CREATE TRIGGER server_audit_no_update BEFORE UPDATE ON "
                                 "server_audit BEGIN SELECT RAISE(ABORT, 'the server audit trail "
                                 "cannot be changed'); END")
               << QStringLiteral("CREATE TRIGGER server_audit_no_delete BEFORE DELETE ON "
                                 "server_audit BEGIN SELECT RAISE(ABORT, 'the server audit trail "
                                 "cannot be deleted'); END");
    statements << attributeTables({"server_users", "server_sessions", "server_audit"});
    return statements;
}

QStringList version8()
{
    QStringList statements;
    // The desk's side of sync: every action a person takes waits here, written in the same
    // transaction as the action, until the server has answered it.
    statements << QStringLiteral(
        "CREATE TABLE sync_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, command_id TEXT NOT "
        "NULL UNIQUE, kind TEXT NOT NULL, case_id INTEGER NOT NULL, case_source TEXT NOT NULL, "
        "case_external_id TEXT NOT NULL, action TEXT NOT NULL, based_on INTEGER NOT NULL, "
        "event_sequence INTEGER NOT NULL, body TEXT NOT NULL, made_by TEXT NOT NULL, made_at "
        "TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', "
        "'applied', 'rejected', 'discarded', 'redone')), attempts INTEGER NOT NULL DEFAULT 0, "
        "reason_code TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', answered_at "
        "TEXT)")
               << QStringLiteral("CREATE INDEX sync_outbox_state ON sync_outbox(state, id)");

    // A desk's own event that the server's history replaced (the server refused the action,
    // or another desk's action came first) is moved here, never just deleted; the history
    // triggers let an event go only once its copy is here.
    statements << QStringLiteral(
        "CREATE TABLE case_events_superseded (event_id INTEGER PRIMARY KEY, case_id INTEGER NOT "
        "NULL, sequence INTEGER NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, role TEXT "
        "NOT NULL, unit TEXT NOT NULL, at TEXT NOT NULL, from_state TEXT, to_state TEXT NOT "
        "NULL, reason TEXT NOT NULL, data TEXT NOT NULL, recorded_at TEXT NOT NULL, "
        "superseded_at TEXT NOT NULL, why TEXT NOT NULL)")
               << QStringLiteral("CREATE TRIGGER case_events_superseded_no_update BEFORE UPDATE "
                                 "ON case_events_superseded BEGIN SELECT RAISE(ABORT, 'superseded "
                                 "history cannot be changed'); END")
               << QStringLiteral("CREATE TRIGGER case_events_superseded_no_delete BEFORE DELETE "
                                 "ON case_events_superseded BEGIN SELECT RAISE(ABORT, 'superseded "
                                 "history cannot be deleted'); END")
               << QStringLiteral("DROP TRIGGER case_events_no_delete")
               << QStringLiteral("CREATE TRIGGER case_events_no_delete BEFORE DELETE ON "
                                 "case_events WHEN NOT EXISTS (SELECT 1 FROM "
                                 "case_events_superseded WHERE event_id = OLD.id) BEGIN SELECT "
                                 "RAISE(ABORT, 'case history cannot be deleted'); END");

    // The server's side: the answer given to every command, so that a command sent twice is
    // applied once and answered the same way both times.
    statements << QStringLiteral(
        "CREATE TABLE server_commands (command_id TEXT PRIMARY KEY NOT NULL, user_name TEXT NOT "
        "NULL, received_at TEXT NOT NULL, kind TEXT NOT NULL, case_source TEXT NOT NULL DEFAULT "
        "'', case_external_id TEXT NOT NULL DEFAULT '', status TEXT NOT NULL CHECK (status IN "
        "('applied', 'rejected')), code TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT "
        "'', version INTEGER NOT NULL DEFAULT 0)");
    statements << attributeTables({"sync_outbox", "case_events_superseded", "server_commands"});
    return statements;
}

QStringList version9()
{
    // The feed asks the outbox for one case's commands for every case it brings.
    return {
        QStringLiteral("CREATE INDEX sync_outbox_case ON sync_outbox(case_id, event_sequence)")};
}

QStringList version10()
{
    QStringList statements;
    // An attachment is known across machines by its SHA-256: the desk and the server each give
    // it their own row id. Attachments kept before are left without one.
    statements << QStringLiteral(
        "ALTER TABLE case_attachments ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''")
               << QStringLiteral(
                      "CREATE INDEX case_attachments_sha256 ON case_attachments(sha256, case_id)");
    // The server's side: files uploaded by desks for the attach commands that follow them.
    statements << QStringLiteral(
        "CREATE TABLE server_files (sha256 TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL, "
        "content BLOB NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL)")
               << QStringLiteral("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                                 "VALUES ('server_files', 'attributes', 'server_files')");
    return statements;
}

QStringList version11()
{
    // Which save of the chart each change came with, so the server can hand desks the changes
    // after the revision they hold, and which desk's command made it, so a desk knows its own.
    return {QStringLiteral("ALTER TABLE org_history ADD COLUMN revision INTEGER"),
        QStringLiteral("ALTER TABLE org_history ADD COLUMN command TEXT"),
        QStringLiteral("CREATE INDEX org_history_revision ON org_history(revision)")};
}

QStringList version12()
{
    QStringList statements;
    // Patrol tracks as lines and their fixes as points, both feature tables with R-trees, so
    // that QGIS draws them and can label each fix with its time (GeoPackage DATETIME: UTC,
    // ISO 8601 with milliseconds, which GDAL and QGIS read as date and time).
    statements << QStringLiteral(
        "CREATE TABLE patrol_tracks (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom "
        "MULTILINESTRING, person TEXT NOT NULL, source_file TEXT NOT NULL, sha256 TEXT NOT NULL, "
        "format TEXT NOT NULL, started_at DATETIME NOT NULL, ended_at DATETIME NOT NULL, "
        "point_count "
        "INTEGER NOT NULL, length_m REAL NOT NULL, sight_m REAL NOT NULL, imported_at TEXT NOT "
        "NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), UNIQUE (sha256, person))")
               << QStringLiteral("CREATE INDEX patrol_tracks_started ON patrol_tracks(started_at)")
               << QStringLiteral(
                      "CREATE TABLE patrol_points (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                      "geom POINT, track_id INTEGER NOT NULL, sequence INTEGER NOT NULL, segment "
                      "INTEGER NOT NULL, at DATETIME NOT NULL)")
               << QStringLiteral(
                      "CREATE INDEX patrol_points_track ON patrol_points(track_id, sequence)");
    for (const char *table : {"patrol_tracks", "patrol_points"}) {
        const bool line = qstrcmp(table, "patrol_tracks") == 0;
        statements
            << QStringLiteral("INSERT INTO gpkg_contents (table_name, data_type, "
                              "identifier, description, srs_id) VALUES ('%1', 'features', "
                              "'%1', '%2', 4326)")
                   .arg(QLatin1String(table),
                       line ? QStringLiteral("Patrol tracks of grid staff")
                            : QStringLiteral("The fixes of patrol tracks with their times"))
            << QStringLiteral(
                   "INSERT INTO gpkg_geometry_columns VALUES ('%1', 'geom', '%2', 4326, 0, 0)")
                   .arg(QLatin1String(table),
                       line ? QStringLiteral("MULTILINESTRING") : QStringLiteral("POINT"));
        statements << rtreeIndex(QLatin1String(table));
    }
    // How much of each grid a track saw, and the plans patrols are judged against.
    statements << QStringLiteral(
        "CREATE TABLE patrol_coverage (track_id INTEGER NOT NULL, grid_code TEXT NOT NULL, "
        "grid_m2 REAL NOT NULL, covered_m2 REAL NOT NULL, PRIMARY KEY (track_id, grid_code))")
               << QStringLiteral("CREATE INDEX patrol_coverage_grid ON patrol_coverage(grid_code)")
               << QStringLiteral(
                      "CREATE TABLE patrol_plans (id INTEGER PRIMARY KEY AUTOINCREMENT, grid_code "
                      "TEXT NOT NULL, tasks TEXT NOT NULL, times INTEGER NOT NULL CHECK (times > "
                      "0), per TEXT NOT NULL CHECK (per IN ('day', 'week', 'month')), person TEXT "
                      "NOT NULL DEFAULT '', post TEXT NOT NULL DEFAULT '', min_share REAL NOT "
                      "NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT "
                      "(strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
    statements << attributeTables({"patrol_coverage", "patrol_plans"});
    return statements;
}

QStringList registerKindsAndFields()
{
    QStringList statements;
    // The six kinds of the grid register and the fields each keeps besides the shared core.
    // Both are rows: a city adds a field (or a kind) without a new build.
    statements << QStringLiteral(
        "CREATE TABLE register_kinds (key TEXT PRIMARY KEY NOT NULL, code_prefix TEXT NOT NULL "
        "UNIQUE, title TEXT NOT NULL, title_zh TEXT NOT NULL, personal_core TEXT NOT NULL "
        "DEFAULT '', stale_days INTEGER NOT NULL DEFAULT 180 CHECK (stale_days > 0), position "
        "INTEGER NOT NULL DEFAULT 0)")
               << QStringLiteral(
                      "INSERT INTO register_kinds VALUES ('person', 'PE', 'People', '人', "
                      "'name,address', 90, 1), ('place', 'PL', 'Places', '地', '', 365, 2), "
                      "('thing', 'TH', 'Things', '物', '', 180, 3), ('event', 'EV', 'Events', "
                      "'事', '', 30, 4), ('situation', 'SI', 'Situations', '情', '', 30, 5), "
                      "('organisation', 'OR', 'Organisations', '组织', '', 365, 6)");
    statements << QStringLiteral(
        "CREATE TABLE register_fields (kind TEXT NOT NULL REFERENCES register_kinds(key), key "
        "TEXT NOT NULL, title TEXT NOT NULL, title_zh TEXT NOT NULL, type TEXT NOT NULL DEFAULT "
        "'text' CHECK (type IN ('text', 'integer', 'number', 'date')), personal TEXT NOT NULL "
        "DEFAULT '' CHECK (personal IN ('', 'name', 'id_number', 'phone', 'address')), "
        "identifying INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0, PRIMARY "
        "KEY (kind, key))");
    statements << QStringLiteral(
        "INSERT INTO register_fields VALUES "
        "('person', 'residence', 'Residence', '人口类型', 'text', '', 0, 1), "
        "('person', 'id_number', 'ID number', '身份证号', 'text', 'id_number', 1, 2), "
        "('person', 'phone', 'Phone', '联系电话', 'text', 'phone', 0, 3), "
        "('person', 'care_group', 'Care group', '关爱人群', 'text', '', 0, 4), "
        "('person', 'birth_date', 'Date of birth', '出生日期', 'date', '', 0, 5), "
        "('place', 'place_type', 'Type of place', '场所类型', 'text', '', 0, 1), "
        "('place', 'district', 'District', '行政区', 'text', '', 0, 2), "
        "('place', 'parcel', 'Parcel or building number', '地号或建号', 'text', '', 0, 3), "
        "('place', 'area_m2', 'Area (m²)', '面积（平方米）', 'number', '', 0, 4), "
        "('place', 'ownership', 'Ownership', '权属', 'text', '', 0, 5), "
        "('place', 'managing_agency', 'Managing agency', '管理机关', 'text', '', 0, 6), "
        "('place', 'condition', 'Condition', '现况', 'text', '', 0, 7), "
        "('place', 'original_use', 'Original use', '原用途', 'text', '', 0, 8), "
        "('place', 'idle_floors', 'Idle floors', '闲置楼层', 'text', '', 0, 9), "
        "('place', 'completed', 'Completed', '建成日期', 'text', '', 0, 10), "
        "('place', 'status', 'Status', '处理情形', 'text', '', 0, 11), "
        "('thing', 'asset_code', 'Asset code', '部件编码', 'text', '', 1, 1), "
        "('thing', 'component_type', 'Component type', '部件类型', 'text', '', 0, 2), "
        "('thing', 'district', 'District', '行政区', 'text', '', 0, 3), "
        "('thing', 'managing_agency', 'Managing agency', '管理单位', 'text', '', 0, 4), "
        "('thing', 'capacity', 'Capacity', '容量', 'integer', '', 0, 5), "
        "('thing', 'pumps', 'Pumps', '抽水机数', 'integer', '', 0, 6), "
        "('thing', 'gates', 'Gates', '闸门数', 'integer', '', 0, 7), "
        "('thing', 'river_basin', 'River basin', '流域', 'text', '', 0, 8), "
        "('thing', 'warning_level', 'Warning level', '警戒水位', 'text', '', 0, 9), "
        "('thing', 'start_pumping_level', 'Pumping starts at', '起抽水位', 'text', '', 0, 10), "
        "('event', 'event_type', 'Type of event', '事件类型', 'text', '', 0, 1), "
        "('event', 'occurred_on', 'Occurred on', '发生日期', 'date', '', 0, 2), "
        "('event', 'status', 'Status', '状态', 'text', '', 0, 3), "
        "('situation', 'risk_type', 'Type of risk', '风险类型', 'text', '', 0, 1), "
        "('situation', 'risk_level', 'Risk level', '风险等级', 'text', '', 0, 2), "
        "('organisation', 'org_type', 'Type of organisation', '组织类型', 'text', '', 0, 1), "
        "('organisation', 'sub_type', 'Subtype', '子类型', 'text', '', 0, 2), "
        "('organisation', 'credit_code', 'Credit code', '统一社会信用代码', 'text', '', 1, 3), "
        "('organisation', 'contact_person', 'Contact person', '联系人', 'text', 'name', 0, 4), "
        "('organisation', 'phone', 'Phone', '联系电话', 'text', 'phone', 0, 5)");
    return statements;
}

QStringList version13()
{
    QStringList statements = registerKindsAndFields();
    // The register's entries: a feature table (points and polygons alike) with its R-tree, so
    // QGIS shows the register over the grids. Per-kind fields are kept as JSON.
    statements << QStringLiteral(
        "CREATE TABLE register_entries (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom "
        "GEOMETRY, code TEXT NOT NULL UNIQUE, kind TEXT NOT NULL REFERENCES register_kinds(key), "
        "name TEXT NOT NULL CHECK (length(trim(name)) > 0), grid_code TEXT NOT NULL DEFAULT '', "
        "address TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', verified_by TEXT "
        "NOT NULL DEFAULT '', verified_at TEXT, fields TEXT NOT NULL DEFAULT '{}', version "
        "INTEGER NOT NULL DEFAULT 1, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL)")
               << QStringLiteral(
                      "CREATE INDEX register_entries_grid ON register_entries(grid_code, kind)")
               << QStringLiteral(
                      "CREATE INDEX register_entries_name ON register_entries(kind, name, address)")
               << QStringLiteral(
                      "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                      "srs_id) VALUES ('register_entries', 'features', 'register_entries', 'The "
                      "grid register: people, places, things, events, situations and "
                      "organisations with the grid each belongs to', 4326)")
               << QStringLiteral("INSERT INTO gpkg_geometry_columns VALUES ('register_entries', "
                                 "'geom', 'GEOMETRY', 4326, 0, 0)");
    statements << rtreeIndex(QStringLiteral("register_entries"));

    // Every change to an entry, with the entry as it was before (JSON), kept for good.
    statements << QStringLiteral(
        "CREATE TABLE register_history (id INTEGER PRIMARY KEY AUTOINCREMENT, entry_code TEXT "
        "NOT NULL, version INTEGER NOT NULL, action TEXT NOT NULL, changed_by TEXT NOT NULL, "
        "changed_at TEXT NOT NULL, before TEXT, note TEXT NOT NULL DEFAULT '')")
               << QStringLiteral(
                      "CREATE INDEX register_history_entry ON register_history(entry_code, id)");
    // Who saw which personal value of the register unmasked, and why.
    statements << QStringLiteral(
        "CREATE TABLE register_reveals (id INTEGER PRIMARY KEY AUTOINCREMENT, revealed_by TEXT "
        "NOT NULL, role TEXT NOT NULL, entry_code TEXT NOT NULL, field TEXT NOT NULL, reason "
        "TEXT NOT NULL CHECK (length(trim(reason)) > 0), revealed_at TEXT NOT NULL)");
    for (const char *table : {"register_history", "register_reveals"}) {
        for (const char *operation : {"update", "delete"})
            statements << QStringLiteral(
                "CREATE TRIGGER %1_no_%2 BEFORE %3 ON %1 BEGIN SELECT RAISE(ABORT, '%1 is "
                "append-only'); END")
                              .arg(QLatin1String(table), QLatin1String(operation),
                                  QString::fromLatin1(operation).toUpper());
    }
    statements << attributeTables(
        {"register_kinds", "register_fields", "register_history", "register_reveals"});
    return statements;
}

QStringList version14()
{
    // Which register entries a case concerns, and which entry is its reporter. Entry codes are
    // kept as text: an entry merged away hands its links to the entry it was merged into.
    QStringList statements {
        QStringLiteral(
            "CREATE TABLE case_entry_links (case_id INTEGER NOT NULL REFERENCES cases(fid), "
            "entry_code TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('concerns', "
            "'reporter')), linked_by TEXT NOT NULL, linked_at TEXT NOT NULL, PRIMARY KEY "
            "(case_id, entry_code, role))"),
        QStringLiteral("CREATE INDEX case_entry_links_entry ON case_entry_links(entry_code)"),
        // Entries at an address, for the report desk's offers, and entries by name or address
        // for the register's search.
        QStringLiteral("CREATE INDEX register_entries_address ON register_entries(address)"),
        QStringLiteral("CREATE INDEX register_entries_by_name ON register_entries(name)"),
    };
    statements << attributeTables({"case_entry_links"});
    return statements;
}

QStringList version15()
{
    // Intake channels on the server: the programs allowed to file reports (civic apps through
    // Open311, video and sensor platforms through the alarm webhook), known by the SHA-256 of
    // their key; refused payloads counted per channel and reason; the open report each
    // device's alarms of one type are folded into; the settings an administrator gave the
    // categories offered as Open311 services (the attributes they ask for, as JSON).
    QStringList statements {
        QStringLiteral(
            "CREATE TABLE intake_clients (name TEXT PRIMARY KEY NOT NULL, channel TEXT NOT NULL "
            "CHECK (channel IN ('open311', 'alarm')), key_hash TEXT NOT NULL UNIQUE, unit_code "
            "TEXT NOT NULL, jurisdiction_id TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
            "revoked_at TEXT)"),
        QStringLiteral(
            "CREATE TABLE intake_refusals (channel TEXT NOT NULL, reason TEXT NOT NULL, count "
            "INTEGER NOT NULL, last_at TEXT NOT NULL, last_detail TEXT NOT NULL DEFAULT '', "
            "PRIMARY KEY (channel, reason))"),
        QStringLiteral(
            "CREATE TABLE intake_folds (device_id TEXT NOT NULL, alarm_type TEXT NOT NULL, "
            "case_id INTEGER NOT NULL REFERENCES cases(fid), last_at TEXT NOT NULL, count INTEGER "
            "NOT NULL, PRIMARY KEY (device_id, alarm_type))"),
        QStringLiteral(
            "CREATE TABLE open311_services (service_code TEXT PRIMARY KEY NOT NULL, settings "
            "TEXT NOT NULL, updated_at TEXT NOT NULL)"),
    };
    statements << attributeTables(
        {"intake_clients", "intake_refusals", "intake_folds", "open311_services"});
    return statements;
}

QStringList version16()
{
    // The register through sync: where each history line was made (here, or taken in from the
    // server), the command that carried the change, and what a merge names (the entry merged
    // into, or the one absorbed) for a program to read.
    return {
        QStringLiteral(
            "ALTER TABLE register_history ADD COLUMN origin TEXT NOT NULL DEFAULT '' CHECK "
            "(origin IN ('', 'server'))"),
        QStringLiteral("ALTER TABLE register_history ADD COLUMN command TEXT"),
        QStringLiteral("ALTER TABLE register_history ADD COLUMN data TEXT"),
        QStringLiteral("CREATE INDEX register_history_origin ON register_history(origin, id)"),
    };
}

} // namespace

const QList<Migration> &all()
{
    static const QList<Migration> migrations {
        {1, "GeoPackage core, grids and cases with R-tree indexes, metadata, import log",
            version1()},
        {2,
            "Case histories and workflow: events, org units, users, categories, dispatch rules, "
            "calendar, attachments",
            version2()},
        {3, "Grid editions, their lineage, the draft being edited and accepted topology findings",
            version3()},
        {4, "The organisation: unit details, people and the log of personal data reveals",
            version4()},
        {5,
            "The organisation: business departments, joint units' links, coordination and "
            "leading groups, the change history",
            version5()},
        {6,
            "The standards tree: the organisation's copy of the standard system, the standards "
            "attached to its nodes with their documents, the change history",
            version6()},
        {7,
            "The central server: user accounts with password hashes, sessions by token hash, "
            "the audit trail",
            version7()},
        {8,
            "Sync: the desk's outbox of commands, the events the server's history superseded, "
            "the server's answers to commands",
            version8()},
        {9, "Sync: the outbox indexed by case", version9()},
        {10, "Sync: attachments known by their SHA-256, files uploaded to the server", version10()},
        {11, "Sync: the org chart's changes numbered by the save they came with", version11()},
        {12, "Patrols: tracks and their fixes, the share of each grid they saw, patrol plans",
            version12()},
        {13,
            "The grid register: kinds and their fields, entries with their R-tree, the history "
            "of every change, the log of personal data reveals",
            version13()},
        {14, "The grid register: the links of cases to the entries they concern", version14()},
        {15,
            "Intake channels: the clients that file reports, refusals counted, alarms folded, "
            "the settings of Open311 services",
            version15()},
        {16,
            "The register through sync: each history line's origin, the command that carried "
            "it, and what a merge names",
            version16()},
    };
    return migrations;
}

QByteArray PostgresStep::sql() const
{
    QFile file(QString::fromLatin1(resource));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

const QList<PostgresStep> &postgres()
{
    static const QList<PostgresStep> steps {
        {13,
            "A PostgreSQL store with every table of a version 13 workspace, PostGIS shapes of "
            "grids and cases",
            ":/storage/postgres/schema-13.sql"},
        {14, "The grid register: the links of cases to the entries they concern",
            ":/storage/postgres/schema-14.sql"},
        {15,
            "Intake channels: the clients that file reports, refusals counted, alarms folded, "
            "the settings of Open311 services",
            ":/storage/postgres/schema-15.sql"},
        {16,
            "The register through sync: each history line's origin, the command that carried "
            "it, and what a merge names",
            ":/storage/postgres/schema-16.sql"},
    };
    return steps;
}

} // namespace GridDesk::Migrations
