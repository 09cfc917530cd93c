package io.plinth.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server standing in for one downstream service: it records what reached it and
 * answers by path. {@code /slow} answers after 3 s, {@code /busy} after 0.5 s, {@code /missing} is the service's own 404,
 * {@code /boom} its own 500, {@code /v3/api-docs} its OpenAPI document, anything else 200.
 */
final class RecordingServer implements AutoCloseable {

    record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        String path() {
            int query = uri.indexOf('?');
            return query < 0 ? uri : uri.substring(0, query);
        }
    }

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private RecordingServer(String name) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    static RecordingServer start(String name) {
        return new RecordingServer(name);
    }

    String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What reached this server carrying the given request id, if anything did. */
    List<Received> withRequestId(String requestId) {
        return received.stream().filter(r -> requestId.equals(r.header("X-Request-Id"))).toList();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            Map<String, List<String>> headers = request.requestHeaders().names().stream()
                    .collect(Collectors.toMap(n -> n, n -> request.requestHeaders().getAll(n), (a, b) -> a));
            received.add(new Received(request.method().name(), request.uri(), headers, body));
            String path = request.path().startsWith("/") ? request.path() : "/" + request.path();
            if (path.endsWith("/slow")) {
                return Mono.delay(Duration.ofSeconds(3)).then(json(response, HttpResponseStatus.OK, "{\"late\":true}"));
            }
            if (path.endsWith("/busy")) {
                return Mono.delay(Duration.ofMillis(500)).then(json(response, HttpResponseStatus.OK, "{\"busy\":true}"));
            }
            if (path.endsWith("/missing")) {
                response.header("Content-Type", "application/problem+json");
                return response.status(HttpResponseStatus.NOT_FOUND)
                        .sendString(Mono.just("{\"code\":\"downstream_not_found\",\"service\":\"" + name + "\"}"))
                        .then();
            }
            if (path.endsWith("/boom")) {
                return response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR)
                        .header("Content-Type", "text/plain")
                        .sendString(Mono.just("downstream exploded")).then();
            }
            if (path.equals("/v3/api-docs")) {
                return json(response, HttpResponseStatus.OK,
                        "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\",\"version\":\"1\"}}");
            }
            // A service that does CORS itself must not leak its headers past the gateway.
            response.header("Access-Control-Allow-Origin", "*");
            return json(response, HttpResponseStatus.OK, "{\"service\":\"" + name + "\",\"path\":\"" + path
                    + "\",\"bytes\":" + body.length + "}");
        });
    }

    private static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, String body) {
        return response.status(status)
                .header("Content-Type", "application/json")
                .sendByteArray(Mono.just(body.getBytes(StandardCharsets.UTF_8)))
                .then();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
