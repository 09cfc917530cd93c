package io.plinth.gateway.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id every response echoes and every downstream call carries. A client-supplied id is
 * kept only if it is short and made of safe characters, because it ends up in logs and headers.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    /** Exchange attribute holding the id once {@link RequestIdFilter} has run. */
    public static final String ATTRIBUTE = RequestId.class.getName();

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {
    }

    /** The inbound id if it is acceptable, otherwise a new one. */
    public static String acceptOrGenerate(String inbound) {
        return inbound != null && ACCEPTED.matcher(inbound).matches() ? inbound : generate();
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

    /** The id of this exchange, or {@code null} before {@link RequestIdFilter} ran. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
