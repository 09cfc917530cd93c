package io.plinth.video.export;

/**
 * An export's life: {@code QUEUED → PROCESSING → COMPLETED | FAILED}, or straight from queued to
 * an outcome (CapCut's webhook may be the first news). Outcomes are final; the store's guarded
 * UPDATE only moves an export that is not final yet, so duplicate or late webhooks change nothing.
 */
enum ExportStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED;

    boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }

    String wireName() {
        return name().toLowerCase();
    }
}
