package io.plinth.platform.idempotency;

import io.plinth.platform.security.CrossAppTokenVerifier;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-app routes are public at the edge (the app's session token in the body is the credential), so
 * the standard rule would file every app's keys under {@value IdempotencyCallerResolver#ANONYMOUS}: one
 * app could pre-claim another's keys (a stored 401 for 24 h turns the real spend into a 409) and two apps
 * choosing the same key would collide. Here such a caller is the verified session: app, tenant and user.
 * A body that names a session that does not verify has no caller at all (empty), so a forged request
 * never leaves an idempotency record behind.
 */
final class CrossAppSessionCallers implements IdempotencyCallerResolver {

    private final IdempotencyCallerResolver base;
    private final CrossAppTokenVerifier verifier;
    private final JsonMapper json;

    CrossAppSessionCallers(IdempotencyCallerResolver base, CrossAppTokenVerifier verifier, JsonMapper json) {
        this.base = base;
        this.verifier = verifier;
        this.json = json;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return base.resolve(exchange);
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange, byte[] body) {
        return base.resolve(exchange, body).flatMap(caller -> {
            if (!ANONYMOUS.equals(caller)) {
                return Mono.just(caller);
            }
            JsonNode tree = parse(body);
            if (tree == null || !tree.has("sessionToken") || !tree.has("appId")) {
                return Mono.just(caller);
            }
            String appId = tree.path("appId").asString("");
            return verifier.verify(tree.path("sessionToken").asString(""), appId)
                    .map(user -> "app:" + appId + ":tenant:" + user.tenantId() + ":user:" + user.userId())
                    .onErrorResume(CrossAppTokenVerifier.InvalidSessionTokenException.class, e -> Mono.empty());
        });
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(body);
            return tree != null && tree.isObject() ? tree : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
