package io.plinth.integration.webhook.api;

import io.plinth.integration.webhook.IngressResult;
import io.plinth.integration.webhook.Provider;
import io.plinth.integration.webhook.SignedRequest;
import io.plinth.integration.webhook.WebhookIngress;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/webhooks/{provider}} and {@code /api/v1/webhooks/mpesa/{callbackToken}}: no bearer token,
 * the provider's signature instead. 200 for a verified event (new or duplicate) and for Zoom's URL validation;
 * 401 for a missing, wrong or stale signature; 400 for a body that is not the provider's format; 413 past the
 * size limit. Every one of them is logged in {@code webhook_events}.
 */
@RestController
class WebhookController {

    /** How much of an oversized body is kept for the log. */
    private static final int KEEP_OF_OVERSIZED = 4096;

    private final WebhookIngress ingress;

    WebhookController(WebhookIngress ingress) {
        this.ingress = ingress;
    }

    record Ack(boolean received, boolean duplicate, String eventId, String id) {
    }

    record ZoomValidation(String plainToken, String encryptedToken) {
    }

    @PostMapping("/api/v1/webhooks/{provider}")
    Mono<Object> receive(@PathVariable String provider, ServerHttpRequest request) {
        return receive(provider, null, request);
    }

    @PostMapping("/api/v1/webhooks/mpesa/{callbackToken}")
    Mono<Object> receiveMpesa(@PathVariable String callbackToken, ServerHttpRequest request) {
        return receive(Provider.MPESA.id(), callbackToken, request);
    }

    private Mono<Object> receive(String name, String token, ServerHttpRequest request) {
        Provider provider = Provider.fromId(name).orElseThrow(() ->
                ApiException.notFound("There is no webhook endpoint for '" + name + "'."));
        long declared = request.getHeaders().getContentLength();
        return RawBody.read(request.getBody(), declared, ingress.maxBodyBytes(), KEEP_OF_OVERSIZED)
                .flatMap(body -> body.tooLarge()
                        ? ingress.tooLarge(provider, body.bytes(), body.size())
                        : ingress.receive(provider, new SignedRequest(body.bytes(), headers(request), token)))
                .map(WebhookController::answer);
    }

    private static Map<String, List<String>> headers(ServerHttpRequest request) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        request.getHeaders().forEach(headers::put);
        return headers;
    }

    private static Object answer(IngressResult result) {
        if (result instanceof IngressResult.Accepted a) {
            return new Ack(true, a.duplicate(), a.providerEventId(), a.logId().toString());
        }
        if (result instanceof IngressResult.ZoomChallenge c) {
            return new ZoomValidation(c.plainToken(), c.encryptedToken());
        }
        IngressResult.Rejected r = (IngressResult.Rejected) result;
        throw new ApiException(HttpStatus.valueOf(r.status()), r.code(), r.detail())
                .withErrors(List.of(FieldViolation.of(r.field(), r.code(), r.detail())))
                .withProperties(Map.of("webhookEventId", r.logId().toString()));
    }
}
