package io.plinth.video.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays credit-service's holds API (POST /api/v1/credits/holds, …/release) on a real HTTP port,
 * speaking its contract: 201 with the hold, the same hold again (200) for the same Idempotency-Key,
 * 402 {@code insufficient_credits}, 429 {@code daily_limit_reached} with Retry-After, and a 5xx. It can
 * also be taken down (the port closes) and brought back on the same port. video-service finds it
 * through service discovery under the name {@code credit-service}, as in production. The real
 * credit-service's side of the flow (capture on the completion event) is credit-service's own test
 * and the e2e module's.
 */
public final class CreditServiceStandIn implements AutoCloseable {

    public enum Mode { ACCEPT, INSUFFICIENT_CREDITS, DAILY_LIMIT, SERVER_ERROR }

    /** One request as it arrived. */
    public record Call(String path, String authorization, String idempotencyKey, JsonNode body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> holdsByKey = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;
    private volatile DisposableServer server;
    private final int port;

    public CreditServiceStandIn() {
        this.server = bind(0);
        this.port = server.port();
    }

    public String uri() {
        return "http://localhost:" + port;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> holdCalls(String bearerToken) {
        return calls.stream().filter(c -> c.path().equals("/api/v1/credits/holds")
                && ("Bearer " + bearerToken).equals(c.authorization())).toList();
    }

    /** The port closes: nothing answers, as when no credit-service instance is up. */
    public synchronized void down() {
        if (server != null) {
            server.disposeNow();
            server = null;
        }
    }

    public synchronized void up() {
        if (server == null) {
            server = bind(port);
        }
    }

    public void reset() {
        up();
        mode = Mode.ACCEPT;
    }

    private DisposableServer bind(int port) {
        return HttpServer.create().host("localhost").port(port)
                .route(routes -> routes
                        .post("/api/v1/credits/holds", this::placeHold)
                        .post("/api/v1/credits/holds/{id}/release", this::release))
                .bindNow();
    }

    private Mono<Void> placeHold(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap(text -> {
            JsonNode body = JSON.readTree(text);
            String key = request.requestHeaders().get("Idempotency-Key");
            calls.add(new Call("/api/v1/credits/holds", request.requestHeaders().get("Authorization"), key, body));
            return switch (mode) {
                case INSUFFICIENT_CREDITS -> problem(response, 402, "insufficient_credits",
                        "This needs 1 credits; 0 are available.");
                case DAILY_LIMIT -> {
                    response.header("Retry-After", "3600");
                    yield problem(response, 429, "daily_limit_reached", "The free tier allows 3 a day.");
                }
                case SERVER_ERROR -> problem(response, 500, "internal_error", "boom");
                case ACCEPT -> {
                    boolean replay = key != null && holdsByKey.containsKey(key);
                    String holdId = key == null ? UUID.randomUUID().toString()
                            : holdsByKey.computeIfAbsent(key, k -> UUID.randomUUID().toString());
                    yield json(response, replay ? 200 : 201, "{\"holdId\":\"" + holdId + "\",\"credits\":"
                            + body.path("credits").asLong() + ",\"state\":\"pending\",\"service\":\""
                            + body.path("service").asString() + "\"}");
                }
            };
        });
    }

    private Mono<Void> release(HttpServerRequest request, HttpServerResponse response) {
        calls.add(new Call(request.uri(), request.requestHeaders().get("Authorization"),
                request.requestHeaders().get("Idempotency-Key"), null));
        return json(response, 200, "{\"holdId\":\"" + request.param("id") + "\",\"state\":\"released\"}");
    }

    private static Mono<Void> problem(HttpServerResponse response, int status, String code, String detail) {
        response.status(status).header("Content-Type", "application/problem+json");
        return response.sendString(Mono.just("{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\""
                + detail + "\"}")).then();
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String body) {
        response.status(status).header("Content-Type", "application/json");
        return response.sendString(Mono.just(body)).then();
    }

    @Override
    public void close() {
        down();
    }
}
