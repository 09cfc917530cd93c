package io.plinth.video.export;

import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.CurrentUser;
import io.plinth.video.entitlement.Entitlement;
import io.plinth.video.entitlement.Entitlements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/videos/exports")
class ExportController {

    private static final Set<String> FORMATS = Set.of("mp4", "mov", "webm");
    private static final Set<String> QUALITIES = Set.of("hd", "full_hd", "4k");
    private static final String PROJECT_ID = "[A-Za-z0-9_-]{1,128}";

    private final Exports exports;
    private final Entitlements entitlements;
    private final CallbackUrls callbackUrls;

    ExportController(Exports exports, Entitlements entitlements, CallbackUrls callbackUrls) {
        this.exports = exports;
        this.entitlements = entitlements;
        this.callbackUrls = callbackUrls;
    }

    @Idempotent(required = false)
    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> export(CurrentUser user, @RequestBody ExportRequest body) {
        List<FieldViolation> errors = new ArrayList<>();
        if (body.projectId() == null || !body.projectId().matches(PROJECT_ID)) {
            errors.add(FieldViolation.of("projectId", "invalid_project_id",
                    "must be 1 to 128 letters, digits, '-' or '_'"));
        }
        String format = body.format() == null ? "mp4" : body.format();
        String quality = body.quality() == null ? "hd" : body.quality();
        if (!FORMATS.contains(format)) {
            errors.add(FieldViolation.of("format", "unsupported", "must be one of mov, mp4, webm"));
        }
        if (!QUALITIES.contains(quality)) {
            errors.add(FieldViolation.of("quality", "unsupported", "must be one of 4k, full_hd, hd"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        Mono<Void> callbackChecked = body.callbackUrl() == null ? Mono.empty()
                : Mono.fromCallable(() -> callbackUrls.refusal(body.callbackUrl()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(refusal -> refusal.isEmpty() ? Mono.<Void>empty()
                                : Mono.error(ApiException.unprocessable("invalid_callback_url", "callbackUrl " + refusal.get())
                                        .withErrors(List.of(FieldViolation.of("callbackUrl", "invalid_callback_url",
                                                refusal.get())))));
        Mono<Void> qualityAllowed = !quality.equals("4k") ? Mono.empty()
                : entitlements.holds(user.tenantId(), user.userId(), Entitlement.EXPORT_4K)
                        .flatMap(held -> held ? Mono.<Void>empty() : Mono.error(new ApiException(HttpStatus.FORBIDDEN,
                                "export_4k_not_entitled", "4k exports need the export_4k feature.")));
        return callbackChecked.then(qualityAllowed)
                .then(exports.create(user, new Exports.NewExport(body.projectId(), format, quality, body.callbackUrl(),
                        Boolean.TRUE.equals(body.includeMetadata()), Boolean.TRUE.equals(body.watermark()))))
                .map(export -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of(
                        "exportId", export.id().toString(), "contentId", export.contentId().toString(),
                        "estimatedCompletionTime", String.valueOf(export.estimatedCompletion()))));
    }

    @GetMapping("/{exportId}")
    Mono<Map<String, Object>> export(CurrentUser user, @PathVariable("exportId") String exportId) {
        UUID id;
        try {
            id = UUID.fromString(exportId);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("No export " + exportId + "."));
        }
        return exports.find(user, id).map(Exports::view);
    }

    record ExportRequest(String projectId, String format, String quality, String callbackUrl, Boolean includeMetadata,
            Boolean watermark) {
    }
}
