-- Exports from the CapCut editor: what was asked, CapCut's export id, and the outcome its signed
-- webhook reported. The content record is a video row with source 'export'.
CREATE TABLE editor_export (
    id                   uuid PRIMARY KEY,
    tenant_id            text        NOT NULL,
    user_id              text        NOT NULL,
    content_id           uuid        NOT NULL REFERENCES video (id),
    project_id           text        NOT NULL,
    format               text        NOT NULL,
    quality              text        NOT NULL,
    include_metadata     boolean     NOT NULL,
    watermark            boolean     NOT NULL,
    callback_url         text,
    capcut_export_id     text        NOT NULL UNIQUE,
    status               text        NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
    progress             int         NOT NULL DEFAULT 0,
    video_url            text,
    metadata             jsonb,
    failure_reason       text,
    estimated_completion timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX editor_export_owner ON editor_export (tenant_id, user_id, created_at DESC);
