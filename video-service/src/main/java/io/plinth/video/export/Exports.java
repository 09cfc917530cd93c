package io.plinth.video.export;

import io.plinth.events.EventFactory;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.events.video.VideoExportFailed;
import io.plinth.platform.outbox.Outbox;
import io.plinth.video.refusal.VideoException;
import io.plinth.platform.security.CurrentUser;
import io.plinth.video.library.Video;
import io.plinth.video.library.Videos;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editor exports: ask CapCut, record the export and its content record; when CapCut's signed
 * webhook arrives (verified by the ingress, as {@code webhook.received}), record the outcome once,
 * publish {@code video.export-completed|failed}, and tell the client's callback URL after commit.
 */
@Service
class Exports {

    private static final Logger log = LoggerFactory.getLogger(Exports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> CONTENT_TYPES = Map.of("mp4", "video/mp4", "mov", "video/quicktime",
            "webm", "video/webm");

    private final CapCut capCut;
    private final ExportStore store;
    private final Videos videos;
    private final Outbox outbox;
    private final EventFactory events;
    private final TransactionalOperator tx;
    private final ClientCallbacks callbacks;
    private final Clock clock;

    Exports(CapCut capCut, ExportStore store, Videos videos, Outbox outbox, EventFactory events,
            TransactionalOperator tx, ClientCallbacks callbacks, Clock clock) {
        this.capCut = capCut;
        this.store = store;
        this.videos = videos;
        this.outbox = outbox;
        this.events = events;
        this.tx = tx;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    record NewExport(String projectId, String format, String quality, String callbackUrl, boolean includeMetadata,
            boolean watermark) {
    }

    Mono<EditorExport> create(CurrentUser user, NewExport request) {
        return capCut.createExport(request.projectId(), request.format(), request.quality(), request.includeMetadata(),
                        request.watermark())
                .onErrorMap(e -> {
                    log.warn("CapCut did not take an export of project {}: {}", request.projectId(), e.toString());
                    return VideoException.unavailable(VideoException.Reason.CAPCUT_UNAVAILABLE,
                            "The editor's export service cannot be reached right now; retry later.", Duration.ofSeconds(10));
                })
                .flatMap(created -> {
                    Instant now = clock.instant();
                    UUID contentId = UUID.randomUUID();
                    Video content = new Video(contentId, user.tenantId(), user.userId(), "export", null,
                            "CapCut project " + request.projectId(), null,
                            CONTENT_TYPES.getOrDefault(request.format(), "video/mp4"), null, null, null, null, null,
                            null, false, null, now);
                    EditorExport export = new EditorExport(UUID.randomUUID(), user.tenantId(), user.userId(), contentId,
                            request.projectId(), request.format(), request.quality(), request.includeMetadata(),
                            request.watermark(), request.callbackUrl(), created.exportId(), ExportStatus.QUEUED, 0,
                            null, null, null, eta(created.estimatedCompletionTime()), now);
                    return tx.transactional(videos.record(content).then(store.insert(export, now)));
                });
    }

    Mono<EditorExport> find(CurrentUser user, UUID id) {
        return store.find(user.tenantId(), id)
                .filter(e -> e.userId().equals(user.userId()))
                .switchIfEmpty(Mono.error(() -> VideoException.notFound("No export " + id + ".")));
    }

    /** A verified CapCut webhook (inside the inbox transaction of its {@code webhook.received}). */
    Mono<Void> onWebhook(String payload) {
        JsonNode body;
        try {
            body = JSON.readTree(payload);
        } catch (RuntimeException e) {
            log.warn("Ignoring a CapCut webhook that is not JSON: {}", e.getMessage());
            return Mono.empty();
        }
        String type = body.path("type").asString("");
        JsonNode data = body.path("data");
        String capcutId = data.path("export_id").asString("");
        ExportStatus outcome = switch (type) {
            case "export.completed" -> ExportStatus.COMPLETED;
            case "export.failed" -> ExportStatus.FAILED;
            default -> null;
        };
        if (outcome == null || capcutId.isEmpty()) {
            log.info("Ignoring CapCut webhook {} of type '{}'", body.path("id").asString(""), type);
            return Mono.empty();
        }
        String videoUrl = outcome == ExportStatus.COMPLETED ? data.path("video_url").asString(null) : null;
        String metadata = data.has("metadata") && data.get("metadata").isObject() ? data.get("metadata").toString() : null;
        String reason = outcome == ExportStatus.FAILED ? data.path("error").asString("export failed") : null;
        return store.finish(capcutId, outcome, videoUrl, metadata, reason, clock.instant())
                .flatMap(export -> outbox.append(events.create(export.userId(), export.tenantId(), outcome == ExportStatus.COMPLETED
                                ? new VideoExportCompleted(export.id().toString(), export.userId(), export.contentId().toString(),
                                        videoUrl, metadataMap(data.get("metadata")))
                                : new VideoExportFailed(export.id().toString(), export.userId(), reason)))
                        .then(afterCommit(export)))
                .switchIfEmpty(Mono.fromRunnable(() ->
                        log.info("CapCut export {} is not ours or already settled; webhook {} changes nothing", capcutId,
                                body.path("id").asString(""))));
    }

    /** The client's callback, once the outcome is committed (never for a rolled-back one). */
    private Mono<Void> afterCommit(EditorExport export) {
        if (export.callbackUrl() == null) {
            return Mono.empty();
        }
        String json = JSON.writeValueAsString(view(export));
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        callbacks.notify(export.callbackUrl(), json).subscribe();
                        return Mono.empty();
                    }
                }))
                .onErrorResume(e -> {
                    // No transaction (should not happen in an inbox handler): notify now.
                    callbacks.notify(export.callbackUrl(), json).subscribe();
                    return Mono.empty();
                })
                .then();
    }

    static Map<String, Object> view(EditorExport e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("exportId", e.id().toString());
        view.put("contentId", e.contentId().toString());
        view.put("exportStatus", e.status().wireName());
        view.put("progress", e.status() == ExportStatus.COMPLETED ? 100 : e.progress());
        view.put("videoUrl", e.videoUrl());
        view.put("metadata", e.metadataJson() == null ? null : JSON.readValue(e.metadataJson(), Map.class));
        view.put("failureReason", e.failureReason());
        view.put("estimatedCompletionTime", e.estimatedCompletion() == null ? null : e.estimatedCompletion().toString());
        return view;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataMap(JsonNode metadata) {
        return metadata == null || !metadata.isObject() ? Map.of() : JSON.convertValue(metadata, Map.class);
    }

    private static Instant eta(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
