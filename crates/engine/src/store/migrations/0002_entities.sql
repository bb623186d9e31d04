-- Schema version 2: the entities and links derived from the kind tables, and the
-- relations an investigator enters by hand.
-- `entities`, `entity_sources`, `links` and `link_sources` are derived data: resolve::rebuild
-- rewrites them whole, in one transaction, after each import. `manual_relations` is
-- entered by people and never rewritten.
-- Never edit this file once shipped: add a new numbered migration instead.

-- One person, company, account, unit, tender or contract.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    -- person | company | account | unit | tender | contract
    type TEXT NOT NULL,
    -- The canonical id: 18-digit ID number, credit code, account digits, unit name, tender
    -- number, contract number; a company without a code: its normalised name; a person
    -- without an ID number: '<kind>#<record id>' (one person per record, never merged).
    key TEXT NOT NULL,
    name TEXT,
    -- 1: the identifier passed its check (units, tenders, contracts: always 1);
    -- 0: it failed and is matched by exact string only; NULL: no identifier at all.
    valid INTEGER,
    UNIQUE (type, key)
);
CREATE INDEX entities_key ON entities(key);
CREATE INDEX entities_name ON entities(name);

-- The kind records an entity was read from. For bank transactions only the first record
-- per entity is kept (the others are found through the account indexes below).
CREATE TABLE entity_sources (
    entity_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    PRIMARY KEY (entity_id, kind, record_id)
) WITHOUT ROWID;
CREATE INDEX entity_sources_record ON entity_sources(kind, record_id);

-- A typed relation between two entities, src -> dst.
CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    -- serves_at | shareholder | legal_rep | key_person | relative | holds_account | paid
    -- | contracted_with | party_to | bid_in | shares_attribute
    type TEXT NOT NULL,
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL,
    -- The time span where the link has one: tenure, contract date, first and last transfer.
    start_date TEXT,
    end_date TEXT,
    -- Short Chinese label read src -> dst, used in explanations: '股东(60%)', '配偶', '合同(2023-05-06, 1,200,000元)'.
    label TEXT NOT NULL,
    -- The label read dst -> src, for links that read both ways ('儿子' one way, '父亲'
    -- the other); NULL: the label with the arrow reversed.
    reverse_label TEXT,
    -- JSON: share ratio, role, relation kind and words, amounts, counts...
    detail TEXT NOT NULL
);
CREATE INDEX links_src ON links(src, type);
CREATE INDEX links_dst ON links(dst, type);
CREATE INDEX links_type ON links(type);

-- The kind records a link was read from. `paid` links keep none: their transactions are
-- found through the account indexes below (a million references would double the case).
CREATE TABLE link_sources (
    link_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    PRIMARY KEY (link_id, kind, record_id)
) WITHOUT ROWID;
CREATE INDEX link_sources_record ON link_sources(kind, record_id);

-- Relations the investigator states (interviews, other evidence), between two ID numbers.
CREATE TABLE manual_relations (
    id INTEGER PRIMARY KEY,
    id_number_a TEXT NOT NULL,
    id_number_b TEXT NOT NULL,
    -- spouse | parent_child | sibling | in_law | grandparent_grandchild
    relation TEXT NOT NULL,
    -- What a is to b and b to a, in words ('父亲', '儿子'); may be empty.
    a_is TEXT,
    b_is TEXT,
    note TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX manual_relations_a ON manual_relations(id_number_a);
CREATE INDEX manual_relations_b ON manual_relations(id_number_b);

-- Lookups the derivations and the graph need on the kind tables.
CREATE INDEX households_household ON households(household_id);
CREATE INDEX households_id_number ON households(id_number);
-- The bank lookup indexes are made by each rebuild (store/derived.rs), not here: an
-- import of a million rows would otherwise update them a million times.
