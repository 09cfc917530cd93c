package io.plinth.video.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Where the sandbox's CapCut delivers its signed webhooks in these tests: records each body and
 * answers 200, as integration-service's ingress does. The tests then publish what the ingress
 * would publish for it ({@code webhook.received}); the ingress's own verification is its tests'.
 */
public final class IngressStandIn {

    public record Delivery(String signature, String body) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final DisposableServer server = HttpServer.create().host("localhost").port(0)
            .route(routes -> routes.post("/api/v1/webhooks/capcut", (request, response) -> request.receive()
                    .aggregate().asString()
                    .doOnNext(body -> deliveries.add(new Delivery(request.requestHeaders().get("CapCut-Signature"), body)))
                    .then(response.status(200).sendString(Mono.just("{\"received\":true}")).then())))
            .bindNow();

    public String capCutWebhookUrl() {
        return "http://localhost:" + server.port() + "/api/v1/webhooks/capcut";
    }

    public List<Delivery> containing(String fragment) {
        return deliveries.stream().filter(d -> d.body().contains(fragment)).toList();
    }
}
