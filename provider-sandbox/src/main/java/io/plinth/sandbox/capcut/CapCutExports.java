package io.plinth.sandbox.capcut;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * CapCut's exports as the sandbox plays them: queued, processing at half time, completed after
 * {@code plinth.sandbox.capcut.complete-after} (3 s by default) with realistic metadata, then the
 * signed completion webhook ({@code CapCut-Signature}) to the export's {@code callback_url}, or to
 * the configured CapCut endpoint. {@link #fail} ends one as failed, with its webhook.
 */
@Component
class CapCutExports implements DisposableBean {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Export(String id, String projectId, String format, String quality, URI callbackUrl, boolean includeMetadata,
            boolean watermark, String status, int progress, String videoUrl, Map<String, Object> metadata,
            Instant createdAt, Instant estimatedCompletion) {

        Export with(String newStatus, int newProgress, String url, Map<String, Object> meta) {
            return new Export(id, projectId, format, quality, callbackUrl, includeMetadata, watermark, newStatus,
                    newProgress, url, meta, createdAt, estimatedCompletion);
        }

        boolean finished() {
            return status.equals("completed") || status.equals("failed");
        }
    }

    private final Map<String, Export> exports = new ConcurrentHashMap<>();
    private final Map<String, Disposable> timers = new ConcurrentHashMap<>();
    private final WebhookDelivery delivery;
    private final Duration completeAfter;

    CapCutExports(WebhookDelivery delivery,
            @Value("${plinth.sandbox.capcut.complete-after:3s}") Duration completeAfter) {
        this.delivery = delivery;
        this.completeAfter = completeAfter;
    }

    Export create(String projectId, String format, String quality, URI callbackUrl, boolean includeMetadata,
            boolean watermark) {
        Instant now = Instant.now();
        String id = "exp_" + HexFormat.of().formatHex(bytes(12));
        Export export = new Export(id, projectId, format, quality, callbackUrl, includeMetadata, watermark, "queued", 0,
                null, null, now, now.plus(completeAfter));
        exports.put(id, export);
        timers.put(id, Mono.delay(completeAfter.dividedBy(2))
                .doOnNext(t -> exports.computeIfPresent(id, (k, e) -> e.finished() ? e : e.with("processing", 50, null, null)))
                .then(Mono.delay(completeAfter.dividedBy(2)))
                .subscribe(t -> complete(id)));
        return export;
    }

    Optional<Export> find(String id) {
        return Optional.ofNullable(exports.get(id));
    }

    List<Export> all() {
        return List.copyOf(exports.values());
    }

    /** Fails an unfinished export now and sends {@code export.failed}; empty when there is no such export. */
    Optional<Export> fail(String id, String reason) {
        Export failed = exports.computeIfPresent(id, (k, e) -> e.finished() ? e : e.with("failed", e.progress(), null, null));
        if (failed == null) {
            return Optional.empty();
        }
        cancelTimer(id);
        if (failed.status().equals("failed")) {
            notify(failed, "export.failed", Map.of("export_id", id, "status", "failed", "error", reason));
        }
        return Optional.of(failed);
    }

    private void complete(String id) {
        Export done = exports.computeIfPresent(id, (k, e) -> e.finished() ? e
                : e.with("completed", 100, "https://cdn.capcut.sandbox/exports/" + id + "." + e.format(), metadata(e)));
        timers.remove(id);
        if (done != null && done.status().equals("completed")) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("export_id", id);
            data.put("status", "completed");
            data.put("progress", 100);
            data.put("video_url", done.videoUrl());
            data.put("metadata", done.metadata());
            notify(done, "export.completed", data);
        }
    }

    private void notify(Export export, String type, Map<String, Object> data) {
        String eventId = "evt_" + HexFormat.of().formatHex(bytes(12));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("created", Instant.now().getEpochSecond());
        body.put("data", data);
        String json = JSON.writeValueAsString(body);
        if (export.callbackUrl() != null) {
            delivery.send(Providers.CAPCUT, eventId, type, json, export.callbackUrl());
        } else {
            delivery.send(Providers.CAPCUT, eventId, type, json);
        }
    }

    private static Map<String, Object> metadata(Export e) {
        int width = switch (e.quality()) {
            case "4k" -> 3840;
            case "full_hd" -> 1920;
            default -> 1280;
        };
        int height = width * 9 / 16;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("title", "Project " + e.projectId());
        meta.put("description", "Exported from the CapCut editor");
        meta.put("duration", 42.5);
        meta.put("width", width);
        meta.put("height", height);
        meta.put("format", e.format());
        meta.put("quality", e.quality());
        meta.put("frame_rate", 30);
        meta.put("size_bytes", (long) width * height * 42 / 8);
        meta.put("created_at", Instant.now().toString());
        meta.put("tags", List.of("sandbox"));
        meta.put("effects", e.watermark() ? List.of("watermark") : List.of());
        meta.put("audio_tracks", List.of(Map.of("name", "voice-over", "codec", "aac")));
        return e.includeMetadata() ? meta : Map.of("duration", 42.5, "width", width, "height", height);
    }

    private void cancelTimer(String id) {
        Disposable timer = timers.remove(id);
        if (timer != null) {
            timer.dispose();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void destroy() {
        timers.values().forEach(Disposable::dispose);
    }
}
