-- Generation jobs: a durable queue. Workers on any replica claim a runnable job with
-- FOR UPDATE SKIP LOCKED and hold it by a lease they renew while rendering; a job whose lease ran
-- out (its worker crashed or was stopped) is runnable again.
CREATE TABLE generation_job (
    id            uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    user_id       text        NOT NULL,
    prompt        text        NOT NULL,
    lang          text        NOT NULL,
    scenes        int         NOT NULL CHECK (scenes BETWEEN 1 AND 10),
    vertical      boolean     NOT NULL,
    output_format text        NOT NULL,
    credits       bigint      NOT NULL CHECK (credits > 0),
    hold_id       text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('QUEUED', 'RENDERING', 'COMPLETED', 'FAILED')),
    progress      int         NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    attempts      int         NOT NULL DEFAULT 0,
    claimed_by    text,
    lease_until   timestamptz,
    run_after     timestamptz NOT NULL,
    last_error    text,
    video_id      uuid,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    finished_at   timestamptz
);

CREATE INDEX generation_job_queued ON generation_job (run_after) WHERE state = 'QUEUED';
CREATE INDEX generation_job_leased ON generation_job (lease_until) WHERE state = 'RENDERING';
CREATE INDEX generation_job_owner ON generation_job (tenant_id, user_id, created_at DESC);

-- Every video the service knows: rendered by a generation job (and later editor exports). The
-- bytes live in object storage under storage_key; rows are never shared across tenants.
CREATE TABLE video (
    id            uuid PRIMARY KEY,
    tenant_id     text        NOT NULL,
    owner_id      text        NOT NULL,
    source        text        NOT NULL CHECK (source IN ('generation', 'export')),
    job_id        uuid UNIQUE REFERENCES generation_job (id),
    title         text        NOT NULL,
    storage_key   text,
    content_type  text        NOT NULL,
    size_bytes    bigint,
    width         int,
    height        int,
    duration_ms   bigint,
    scenes        int,
    lang          text,
    free_preview  boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);

CREATE INDEX video_owner ON video (tenant_id, owner_id, created_at DESC);
