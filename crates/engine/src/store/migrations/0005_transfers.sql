-- Schema version 5: the transfers between known accounts, derived by the rebuild next to
-- the `paid` links they add up to, so that the graph reads a compact table of numbers
-- instead of parsing every statement row again each time a case is opened.
-- Derived data: resolve::rebuild rewrites it whole. A case resolved by an earlier
-- version has none yet, so it is marked for a rebuild (the next graph query runs it).

-- One transfer, once: a transfer seen in both accounts' statements (same two accounts,
-- time to the second, amount and currency) is one row with both statement rows.
CREATE TABLE transfers (
    id INTEGER PRIMARY KEY,
    -- entities.id of the paying and the receiving account.
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL,
    -- Unix seconds of the statement's time, read as written (no time zone).
    at INTEGER NOT NULL,
    -- The amount in fen (hundredths).
    fen INTEGER NOT NULL,
    currency TEXT NOT NULL,
    -- bank_transactions.id of the first statement row showing it, and of the other
    -- account's row when both statements were delivered.
    record INTEGER NOT NULL,
    twin INTEGER
);

INSERT INTO meta (key, value)
SELECT 'derived_stale', '1' WHERE EXISTS (SELECT 1 FROM entities)
ON CONFLICT(key) DO UPDATE SET value = excluded.value;
