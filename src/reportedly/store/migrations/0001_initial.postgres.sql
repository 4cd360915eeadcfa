-- Articles, their analyses, skipped inputs and runs (PostgreSQL).
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    name TEXT,
    text TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published DATE,
    title TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    copy_of TEXT,
    date_source TEXT,
    copy_similarity DOUBLE PRECISION,
    analysis_version TEXT,
    analysis_skipped TEXT,
    created TIMESTAMPTZ NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', text), 'B')
    ) STORED
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_name ON articles (name);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

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
    id BIGSERIAL PRIMARY KEY,
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
    content_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', content_text)) STORED,
    UNIQUE (article_id, idx),
    FOREIGN KEY (article_id, source_idx) REFERENCES sources (article_id, idx)
);
CREATE INDEX attributions_status ON attributions (status);
CREATE INDEX attributions_tsv ON attributions USING GIN (content_tsv);

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
    negated BOOLEAN NOT NULL,
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
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    geonames_id BIGINT,
    role TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE runs (
    id BIGSERIAL PRIMARY KEY,
    command TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    started TIMESTAMPTZ NOT NULL,
    finished TIMESTAMPTZ,
    counts TEXT
);

CREATE TABLE skipped (
    id BIGSERIAL PRIMARY KEY,
    location TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    run_id BIGINT REFERENCES runs (id),
    created TIMESTAMPTZ NOT NULL,
    UNIQUE (location, reason)
);
