package io.plinth.platform.web;

import java.util.Optional;
import java.util.UUID;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id: taken from {@code X-Request-Id} when the caller (usually the gateway) sent a
 * sane one, generated otherwise, echoed on every response and present in every log line.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Exchange attribute holding the id (a String). */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";
    /** Reactor context key and MDC key: log lines carry it as {@code requestId}. */
    public static final String MDC_KEY = "requestId";
    public static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The id of this exchange, if the request id filter (or the error handler) assigned one. */
    public static Optional<String> get(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /**
     * The id of this exchange, assigning one (from a sane header, or fresh) when none is set yet,
     * e.g. for an error raised before the filter ran.
     */
    public static String resolve(ServerWebExchange exchange) {
        String existing = exchange.getAttribute(ATTRIBUTE);
        if (existing != null) {
            return existing;
        }
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = isAcceptable(incoming) ? incoming : generate();
        exchange.getAttributes().put(ATTRIBUTE, id);
        return id;
    }

    /** At most 128 visible ASCII characters: anything else could forge log lines or blow up headers. */
    public static boolean isAcceptable(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }
}
