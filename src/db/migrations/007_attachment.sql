-- 007_attachment.sql: files attached to records.  The bytes live outside
-- the database, content-addressed by SHA-256 under DATA_DIR/files/ab/cdef…
-- (app/core/attach.h); a row here says which record a file is attached to,
-- under what name, and who put it there.  A deleted attachment keeps its
-- row (the history shows it was there) and is hidden from lists and
-- downloads; its file is removed when no live row refers to it any more.

CREATE TABLE attachment (
    id           INTEGER PRIMARY KEY,          -- surrogate key; /attachments/ID
    record_id    INTEGER NOT NULL REFERENCES record(id), -- the record it is attached to; its access decides who sees it
    sha256       TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
                                               -- SHA-256 of the content, 64 lower-case hex digits: the file's name on disk
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 255), -- the file name as uploaded (without folders)
    content_type TEXT    NOT NULL,             -- the media type found in the content (libmagic), never taken from the name
    size         INTEGER NOT NULL CHECK (size > 0), -- bytes
    created_at   TEXT    NOT NULL,             -- ISO time of the upload (UTC)
    created_by   INTEGER NOT NULL REFERENCES account(id), -- who uploaded it
    deleted_at   TEXT,                         -- ISO time of deletion (UTC); NULL: not deleted
    deleted_by   INTEGER REFERENCES account(id), -- who deleted it; NULL: not deleted
    CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;
CREATE INDEX attachment_record ON attachment (record_id, id);
CREATE INDEX attachment_sha256 ON attachment (sha256);
