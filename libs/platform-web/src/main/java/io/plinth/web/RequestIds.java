package io.plinth.web;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id every response echoes, every downstream call carries and every log line shows.
 * One rule for the gateway and the services: a caller's id is kept only if it is short and made of
 * characters that cannot forge a log line or a header; otherwise a fresh one is generated.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Exchange attribute holding the id (a String). */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";
    /** Reactor context key and MDC key: log lines carry it as {@code requestId}. */
    public static final String MDC_KEY = "requestId";
    public static final int MAX_LENGTH = 128;

    /** Letters, digits and the punctuation of UUIDs, trace ids and base64: nothing that quotes, spaces or breaks lines. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._~:/+=@-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** The id of this exchange, if the request id filter (or an error handler) assigned one. */
    public static Optional<String> get(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /**
     * The id of this exchange, assigning one (from an acceptable header, or fresh) when none is set
     * yet, e.g. for an error raised before the filter ran.
     */
    public static String resolve(ServerWebExchange exchange) {
        String existing = exchange.getAttribute(ATTRIBUTE);
        if (existing != null) {
            return existing;
        }
        String id = acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        return id;
    }

    /** The inbound id if it is acceptable, otherwise a new one. */
    public static String acceptOrGenerate(String inbound) {
        return isAcceptable(inbound) ? inbound : generate();
    }

    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    /**
     * A random (version 4 layout) UUID. Request ids need uniqueness, not unpredictability, so this
     * avoids {@link UUID#randomUUID()}, whose SecureRandom may block an event-loop thread.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
