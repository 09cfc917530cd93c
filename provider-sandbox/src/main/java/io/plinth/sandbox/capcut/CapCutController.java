package io.plinth.sandbox.capcut;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * CapCut's export API (PROVIDERS.md): {@code POST /v1/exports} with {@code X-Api-Key} and
 * {@code X-Api-Secret}, {@code GET /v1/exports/{id}}; and the sandbox control
 * {@code POST /_sandbox/capcut/exports/{id}/fail}.
 */
@RestController
class CapCutController {

    private static final Set<String> FORMATS = Set.of("mp4", "mov", "webm");
    private static final Set<String> QUALITIES = Set.of("hd", "full_hd", "4k");

    private final CapCutExports exports;
    private final byte[] apiKey;
    private final byte[] apiSecret;

    CapCutController(CapCutExports exports,
            @Value("${plinth.sandbox.capcut.api-key:capcut_sandbox_key}") String apiKey,
            @Value("${plinth.sandbox.capcut.api-secret:capcut_sandbox_secret}") String apiSecret) {
        this.exports = exports;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.apiSecret = apiSecret.getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/v1/exports")
    ResponseEntity<Map<String, Object>> create(@RequestHeader(name = "X-Api-Key", required = false) String key,
            @RequestHeader(name = "X-Api-Secret", required = false) String secret,
            @RequestBody Map<String, Object> body) {
        if (!same(key, apiKey) || !same(secret, apiSecret)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(error("unauthorized", "invalid API credentials"));
        }
        Object project = body.get("project_id");
        Object format = body.getOrDefault("format", "mp4");
        Object quality = body.getOrDefault("quality", "hd");
        if (!(project instanceof String p) || !p.matches("[A-Za-z0-9_-]{1,128}")) {
            return ResponseEntity.badRequest().body(error("invalid_project_id", "project_id is required"));
        }
        if (!FORMATS.contains(String.valueOf(format)) || !QUALITIES.contains(String.valueOf(quality))) {
            return ResponseEntity.badRequest().body(error("invalid_parameter", "format or quality is not supported"));
        }
        URI callback = null;
        if (body.get("callback_url") instanceof String url && !url.isBlank()) {
            callback = URI.create(url);
        }
        CapCutExports.Export export = exports.create(p, String.valueOf(format), String.valueOf(quality), callback,
                Boolean.TRUE.equals(body.get("include_metadata")), Boolean.TRUE.equals(body.get("watermark")));
        return ResponseEntity.ok(Map.of("export_id", export.id(), "status", export.status(),
                "estimated_completion_time", export.estimatedCompletion().toString()));
    }

    @GetMapping("/v1/exports/{id}")
    ResponseEntity<Map<String, Object>> get(@RequestHeader(name = "X-Api-Key", required = false) String key,
            @RequestHeader(name = "X-Api-Secret", required = false) String secret, @PathVariable("id") String id) {
        if (!same(key, apiKey) || !same(secret, apiSecret)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(error("unauthorized", "invalid API credentials"));
        }
        return exports.find(id).map(e -> ResponseEntity.ok(view(e)))
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("not_found", "no export " + id)));
    }

    @PostMapping("/_sandbox/capcut/exports/{id}/fail")
    ResponseEntity<Map<String, Object>> fail(@PathVariable("id") String id) {
        return exports.fail(id, "failed from the sandbox controls").map(e -> ResponseEntity.ok(view(e)))
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("not_found", "no export " + id)));
    }

    private static Map<String, Object> view(CapCutExports.Export e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("export_id", e.id());
        view.put("status", e.status());
        view.put("progress", e.progress());
        view.put("video_url", e.videoUrl());
        view.put("metadata", e.metadata());
        return view;
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    private static boolean same(String given, byte[] expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
    }
}
