-- Cross-article links (the link stage): stories, event clusters and their members, typed links,
-- and which article was linked into which story (what makes `link` incremental).
CREATE TABLE link_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    linked_at TEXT NOT NULL
);
CREATE INDEX link_articles_story ON link_articles (story_id);

CREATE TABLE link_stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    articles INTEGER NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE link_clusters (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    type TEXT NOT NULL,
    label TEXT,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX link_clusters_story ON link_clusters (story_id);

CREATE TABLE link_members (
    cluster_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, article_id, idx)
);
CREATE INDEX link_members_article ON link_members (article_id, idx);

CREATE TABLE link_links (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_article TEXT NOT NULL,
    from_index INTEGER NOT NULL,
    from_kind TEXT NOT NULL,
    to_article TEXT,
    to_index INTEGER,
    to_kind TEXT,
    score REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX link_links_story ON link_links (story_id);
CREATE INDEX link_links_from ON link_links (from_article, from_index);
CREATE INDEX link_links_to ON link_links (to_article, to_index);
