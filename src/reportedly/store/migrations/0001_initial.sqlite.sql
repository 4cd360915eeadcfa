-- Articles, their analyses, skipped inputs and runs (SQLite).
-- `doc` is the integer row key the full-text index points at: an explicit
-- INTEGER PRIMARY KEY keeps it stable across VACUUM. `id` is the article key.
CREATE TABLE articles (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT,
    text TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT,
    title TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    copy_of TEXT,
    date_source TEXT,
    copy_similarity REAL,
    analysis_version TEXT,
    analysis_skipped TEXT,
    created TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_name ON articles (name);

CREATE TABLE sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    span_text TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE attributions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    source_idx INTEGER,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content_text TEXT NOT NULL,
    status TEXT NOT NULL,
    hedges TEXT NOT NULL,
    form TEXT NOT NULL,
    parent INTEGER,
    extractor TEXT NOT NULL,
    UNIQUE (article_id, idx),
    FOREIGN KEY (article_id, source_idx) REFERENCES sources (article_id, idx)
);
CREATE INDEX attributions_status ON attributions (status);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT,
    target TEXT,
    instrument TEXT,
    quantity TEXT,
    place INTEGER,
    time INTEGER,
    attributions TEXT NOT NULL,
    negated INTEGER NOT NULL,
    modality TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    span_text TEXT NOT NULL,
    value TEXT,
    kind TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    span_text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    role TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    counts TEXT
);

CREATE TABLE skipped (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    run_id INTEGER REFERENCES runs (id),
    created TEXT NOT NULL,
    UNIQUE (location, reason)
);

-- Full-text search over article titles and texts, kept in sync by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='doc', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.doc, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.doc, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.doc, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.doc, new.title, new.text);
END;

-- Full-text search over claim contents.
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    content_text, content='attributions', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO claims_fts (rowid, content_text) VALUES (new.id, new.content_text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON attributions BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, content_text) VALUES ('delete', old.id, old.content_text);
END;
