-- 014_search_kb.sql: one full-text index over every kind of record, and
-- knowledge articles (kunnskapsartikler) as a kind of record.
--
-- The index is kept by app/core/search.c in the transaction of every
-- write (record_version_add); `serve` and `init` index whatever is not
-- yet indexed (records from migrations and seed files) when they start.
-- The tokenizer 'samla' (src/db/search_tok.c) is registered on every
-- connection samla opens; other SQLite clients can read every table but
-- cannot query this one.

-- The indexed text of a record: its title, its own fields as text (the
-- kind's search_text), and the public title of an exempt record.  The
-- rowid is the record id.  What a viewer may find is decided by joining
-- record r and ACCESS("r"); a viewer who sees only the public face of an
-- exempt record finds it through pub alone (app/core/search.c).
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, pub, tokenize = 'samla');

-- What the index holds of each record besides the text: the version that
-- was indexed (a record whose version differs is indexed again) and the
-- strategy period for the period facet.
CREATE TABLE search_doc (
    id        INTEGER PRIMARY KEY REFERENCES record(id), -- the record
    version   INTEGER NOT NULL,                -- record.version when it was indexed
    period_id INTEGER REFERENCES strategy(id)  -- a measure's strategy; else the period of its last change; NULL: none
) STRICT;

-- A knowledge article in a group's knowledge base (record.owner_group_id)
-- or in the community-wide one (owner_group_id NULL).  Its versions are
-- the record core's (record_version: fields title, body, tags).
CREATE TABLE article (
    id        INTEGER PRIMARY KEY REFERENCES record(id), -- the article's record
    body      TEXT NOT NULL DEFAULT '',        -- Markdown (CommonMark with tables; raw HTML is shown as text)
    tags      TEXT NOT NULL DEFAULT '',        -- tags, sorted, separated by ', '
    title_key TEXT NOT NULL                    -- the title folded (small letters, words joined by spaces): what [[links]] match
) STRICT;
CREATE INDEX article_title_key ON article (title_key);

-- The [[links]] in an article's current text, by the folded title they
-- name (the target may not exist yet); backlinks read them the other way.
CREATE TABLE article_link (
    from_id  INTEGER NOT NULL REFERENCES article(id), -- the article the link is in
    to_key   TEXT    NOT NULL,                 -- the folded title it names
    to_title TEXT    NOT NULL,                 -- the title as written in the link
    PRIMARY KEY (from_id, to_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_link_to ON article_link (to_key);
