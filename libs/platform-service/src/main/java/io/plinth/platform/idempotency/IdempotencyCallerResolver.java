package io.plinth.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Who owns an idempotency key: keys of different callers never collide. Replace the bean to
 * change the rule.
 */
@FunctionalInterface
public interface IdempotencyCallerResolver {

    String ANONYMOUS = "anonymous";
    String API_KEY_HEADER = "X-API-Key";

    Mono<String> resolve(ServerWebExchange exchange);

    /**
     * With the request body at hand, for callers that prove who they are inside it (a cross-app session
     * token). Empty means the caller could not be established: the request then runs without an
     * idempotency record, so nobody can claim a key in someone else's name.
     */
    default Mono<String> resolve(ServerWebExchange exchange, byte[] body) {
        return resolve(exchange);
    }

    /**
     * The authenticated principal's name if any, else a SHA-256 of the {@code X-API-Key} header
     * (the key itself is a secret and never stored), else {@value #ANONYMOUS}. The prefixes keep
     * a principal named like a hash apart from an API key.
     */
    static IdempotencyCallerResolver standard() {
        return exchange -> exchange.getPrincipal()
                .map(principal -> principal.getName())
                .filter(name -> name != null && !name.isBlank())
                .map(name -> "principal:" + name)
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    String apiKey = exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER);
                    return apiKey == null || apiKey.isBlank() ? ANONYMOUS : "api-key:" + sha256Hex(apiKey);
                }));
    }

    private static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
