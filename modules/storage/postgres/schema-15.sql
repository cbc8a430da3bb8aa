-- SPDX-License-Identifier: GPL-3.0-or-later
-- SPDX-FileCopyrightText: GridDesk contributors
--
-- Step 15 of a PostgreSQL store, as the workspace's step 15: the intake channels' clients, the
-- refusals counted per channel and reason, the open report each device's alarms fold into, and
-- the settings of the categories offered as Open311 services.

CREATE TABLE intake_clients (
    name TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('open311', 'alarm')),
    key_hash TEXT NOT NULL UNIQUE,
    unit_code TEXT NOT NULL,
    jurisdiction_id TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE intake_refusals (
    channel TEXT NOT NULL,
    reason TEXT NOT NULL,
    count BIGINT NOT NULL,
    last_at TEXT NOT NULL,
    last_detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (channel, reason)
);
CREATE TABLE intake_folds (
    device_id TEXT NOT NULL,
    alarm_type TEXT NOT NULL,
    case_id BIGINT NOT NULL REFERENCES cases(fid) DEFERRABLE INITIALLY DEFERRED,
    last_at TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (device_id, alarm_type)
);
CREATE TABLE open311_services (
    service_code TEXT PRIMARY KEY,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
