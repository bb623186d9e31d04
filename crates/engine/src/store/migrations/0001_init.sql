-- Schema version 1: delivered files with their bytes, one table per extract kind,
-- named lists, rejects, duplicate rows and the audit log.
-- Never edit this file once shipped: add a new numbered migration instead.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every import attempt of a delivered file, duplicates included.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT NOT NULL,
    kind TEXT,
    list_name TEXT,
    encoding TEXT,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    rows_duplicate INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    duplicate_of INTEGER REFERENCES files(id)
);
CREATE INDEX files_sha256 ON files(sha256);

-- The delivered bytes, once per distinct file, so evidence travels with the case.
CREATE TABLE file_blobs (
    sha256 TEXT PRIMARY KEY,
    content BLOB NOT NULL
);

-- What the importer made of each sheet: its kind, where the header was, how columns mapped.
CREATE TABLE file_sheets (
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    kind TEXT,
    header_row INTEGER,
    mapping TEXT,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    rows_duplicate INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    PRIMARY KEY (file_id, sheet)
);

-- Rows that could not be read: kept with the reason and the raw cells (JSON array).
CREATE TABLE rejects (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL
);
CREATE INDEX rejects_file ON rejects(file_id);

-- Rows equal to a row stored from an earlier file: not stored twice, but not forgotten.
CREATE TABLE duplicate_rows (
    file_id INTEGER NOT NULL REFERENCES files(id),
    kind TEXT NOT NULL,
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    fp INTEGER NOT NULL
);

-- Named lists: every column kept as delivered (JSON object header -> value).
CREATE TABLE list_rows (
    id INTEGER PRIMARY KEY,
    list_name TEXT NOT NULL,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    fp INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX list_rows_list ON list_rows(list_name);

-- The identifiers recognised in list rows, normalised like everywhere else.
CREATE TABLE list_identifiers (
    row_id INTEGER NOT NULL REFERENCES list_rows(id),
    column_name TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    valid INTEGER NOT NULL
);
CREATE INDEX list_identifiers_value ON list_identifiers(type, value);

-- Every action on the case, hash-chained: hash = SHA-256(prev_hash | seq | at | actor | action | detail).
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE officials (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    unit TEXT,
    position TEXT,
    start_date TEXT,
    end_date TEXT,
    category TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX officials_file ON officials(file_id);

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    household_id TEXT,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    relation TEXT,
    address TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX households_file ON households(file_id);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    company_name TEXT,
    uscc TEXT,
    uscc_valid INTEGER,
    legal_rep TEXT,
    legal_rep_id TEXT,
    legal_rep_id_valid INTEGER,
    address TEXT,
    phone TEXT,
    established TEXT,
    status TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX companies_file ON companies(file_id);

CREATE TABLE company_people (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    uscc TEXT,
    uscc_valid INTEGER,
    company_name TEXT,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    id_number_type TEXT,
    role TEXT,
    share_ratio REAL,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX company_people_file ON company_people(file_id);

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    contract_no TEXT,
    buyer_unit TEXT,
    supplier_name TEXT,
    supplier_uscc TEXT,
    supplier_uscc_valid INTEGER,
    project TEXT,
    item TEXT,
    unit_price REAL,
    quantity REAL,
    amount REAL,
    signed_date TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX contracts_file ON contracts(file_id);

CREATE TABLE bids (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    tender_no TEXT,
    bidder_name TEXT,
    bidder_uscc TEXT,
    bidder_uscc_valid INTEGER,
    bid_price REAL,
    contact TEXT,
    phone TEXT,
    ip TEXT,
    mac TEXT,
    won INTEGER,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX bids_file ON bids(file_id);

CREATE TABLE benefits (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    program TEXT,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    amount REAL,
    pay_date TEXT,
    account TEXT,
    account_valid INTEGER,
    account_holder TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX benefits_file ON benefits(file_id);

CREATE TABLE deaths (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    death_date TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX deaths_file ON deaths(file_id);

CREATE TABLE medical_claims (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    visit_date TEXT,
    hospital TEXT,
    amount REAL,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX medical_claims_file ON medical_claims(file_id);

CREATE TABLE salaries (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    name TEXT,
    id_number TEXT,
    id_number_valid INTEGER,
    unit TEXT,
    month TEXT,
    amount REAL,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX salaries_file ON salaries(file_id);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    invoice_code TEXT,
    invoice_no TEXT,
    issue_date TEXT,
    seller_name TEXT,
    seller_uscc TEXT,
    seller_uscc_valid INTEGER,
    buyer_name TEXT,
    buyer_uscc TEXT,
    buyer_uscc_valid INTEGER,
    goods TEXT,
    amount REAL,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX invoices_file ON invoices(file_id);

CREATE TABLE bank_transactions (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    account TEXT,
    account_valid INTEGER,
    holder_name TEXT,
    holder_id TEXT,
    holder_id_valid INTEGER,
    time TEXT,
    amount REAL,
    direction INTEGER,
    currency TEXT,
    balance REAL,
    counterparty_account TEXT,
    counterparty_account_valid INTEGER,
    counterparty_name TEXT,
    counterparty_id TEXT,
    counterparty_id_valid INTEGER,
    counterparty_bank TEXT,
    summary TEXT,
    type TEXT,
    channel TEXT,
    cash INTEGER,
    success INTEGER,
    branch TEXT,
    place TEXT,
    merchant TEXT,
    ip TEXT,
    mac TEXT,
    serial TEXT,
    note TEXT,
    fp INTEGER NOT NULL,
    extra TEXT
);
CREATE INDEX bank_transactions_file ON bank_transactions(file_id);
