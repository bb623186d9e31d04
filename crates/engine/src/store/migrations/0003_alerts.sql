-- Schema version 3: supervision-model runs, the alerts they raise with their subjects,
-- evidence and workflow history, per-case model parameters and user-written models.
-- Never edit this file once shipped: add a new numbered migration instead.

-- One run of one or more models.
CREATE TABLE model_runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    -- JSON array of the model ids that were asked for.
    models TEXT NOT NULL,
    -- JSON object: model id -> {"new", "again", "stale", "elapsed_ms", "skipped", "error"}.
    counts TEXT NOT NULL DEFAULT '{}'
);

-- One finding of one model; (model, key) is "the same finding" across runs.
-- Shown to people as 'a-' followed by the id in six digits (a-000123).
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    key TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    state TEXT NOT NULL DEFAULT 'new'
        CHECK (state IN ('new', 'assigned', 'verifying', 'disposed', 'archived')),
    -- Set when disposed: 属实 / 不属实 / 已整改.
    outcome TEXT CHECK (outcome IN ('confirmed', 'false_positive', 'remedied')),
    assignee TEXT,
    summary TEXT NOT NULL,
    -- 1: the last run of this model did not find it again (kept, not deleted).
    stale INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER NOT NULL REFERENCES model_runs(id),
    last_seen INTEGER NOT NULL REFERENCES model_runs(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (model, key)
);
CREATE INDEX alerts_state ON alerts(state);
CREATE INDEX alerts_last_seen ON alerts(last_seen);

-- Whom an alert is about, in the model's order.
CREATE TABLE alert_subjects (
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    position INTEGER NOT NULL,
    -- person | company | account | unit | tender | invoice | contract
    type TEXT NOT NULL,
    -- The canonical id (18-digit ID number, credit code, account digits, ...).
    subject_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (alert_id, position)
) WITHOUT ROWID;
CREATE INDEX alert_subjects_subject ON alert_subjects(type, subject_id);

-- The source rows behind an alert. File, sheet and row are copied when the alert is
-- filed, so the evidence still reads right if the row is later removed.
CREATE TABLE alert_evidence (
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    position INTEGER NOT NULL,
    -- A kind table or list_rows, and the row's id there.
    table_name TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    file_sha256 TEXT,
    file_name TEXT,
    sheet TEXT,
    row_no INTEGER,
    PRIMARY KEY (alert_id, position)
) WITHOUT ROWID;

-- Every change of an alert's state: who, when, why. from_state is NULL when filed.
CREATE TABLE alert_history (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_history_alert ON alert_history(alert_id);

-- Per-case parameter overrides: JSON object name -> value; defaults are not stored.
CREATE TABLE model_params (
    model_id TEXT PRIMARY KEY,
    params TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- Models the investigators wrote (TOML text, see docs/user-models.md).
CREATE TABLE user_models (
    id TEXT PRIMARY KEY,
    toml TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
