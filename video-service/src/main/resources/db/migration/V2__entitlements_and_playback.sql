-- What a user may watch beyond their own videos: course:{id} or feature:{name}, each recorded once
-- per cause (a payment, a signed contract), so a redelivered event changes nothing.
CREATE TABLE entitlement (
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    entitlement text        NOT NULL CHECK (entitlement ~ '^(course:[A-Za-z0-9_-]+|feature:[a-z0-9_]+)$'),
    source      text        NOT NULL,
    granted_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id, entitlement, source)
);

-- A video may belong to a course (entitled users watch it) and may be a free preview (anyone in the tenant).
ALTER TABLE video ADD COLUMN course_id text;
CREATE INDEX video_course ON video (tenant_id, course_id) WHERE course_id IS NOT NULL;

-- Every playback request, allowed or not.
CREATE TABLE playback_access (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  text        NOT NULL,
    user_id    text        NOT NULL,
    video_id   text        NOT NULL,
    allowed    boolean     NOT NULL,
    reason     text        NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX playback_access_video ON playback_access (tenant_id, video_id, at DESC);
