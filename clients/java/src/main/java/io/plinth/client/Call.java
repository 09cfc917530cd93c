package io.plinth.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One logical call to the platform: everything needed to send it again unchanged. A retry re-sends
 * the same {@code Call}, so its {@code Idempotency-Key} is the one chosen when the call was made.
 *
 * @param method         GET or POST
 * @param path           the path under the base URL, with its query
 * @param body           what to send as JSON (a map without nulls), or null for no body
 * @param headers        extra headers (Authorization, X-API-Key, Idempotency-Key)
 * @param retry          which failures may be retried without risk
 * @param requiredCredits credits the call asks for, to put on an {@link InsufficientCreditsException}
 */
record Call(String method, String path, Map<String, Object> body, Map<String, String> headers, Retry retry,
            Long requiredCredits) {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String API_KEY = "X-API-Key";
    static final String AUTHORIZATION = "Authorization";

    /** What a failure tells about whether the platform may have acted on the request. */
    enum Retry {
        /**
         * Safe to send again after any transient failure: reads, and POSTs the platform deduplicates
         * by Idempotency-Key, or whose repetition harms nothing (a second login).
         */
        SAFE,
        /**
         * Sent again only if it certainly never reached the platform (the connection was refused):
         * registering twice answers email_taken, refreshing twice ends the session.
         */
        UNSENT_ONLY
    }

    Call {
        headers = Map.copyOf(headers);
    }

    static Call get(String path) {
        return new Call("GET", path, null, Map.of(), Retry.SAFE, null);
    }

    static Call post(String path, Map<String, Object> body, Retry retry) {
        return new Call("POST", path, body, Map.of(), retry, null);
    }

    Call header(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new Call(method, path, body, merged, retry, requiredCredits);
    }

    Call bearer(String accessToken) {
        return header(AUTHORIZATION, "Bearer " + accessToken);
    }

    Call idempotencyKey(String key) {
        return header(IDEMPOTENCY_KEY, key);
    }

    Call requiring(long credits) {
        return new Call(method, path, body, headers, retry, credits);
    }

    /** A caller's value made safe inside a path segment or a query value (never a way to reach another path). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** For log lines: method and path only, never headers or body (they hold keys, tokens, passwords). */
    String describe() {
        return method + " " + path;
    }
}
