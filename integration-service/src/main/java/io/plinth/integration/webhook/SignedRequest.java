package io.plinth.integration.webhook;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One inbound webhook as it came off the wire: the raw body bytes (exactly what was signed), the request
 * headers (names case-insensitive) and, for M-Pesa, the token from the callback URL.
 */
public record SignedRequest(byte[] body, Map<String, List<String>> headers, String pathToken) {

    public SignedRequest {
        TreeMap<String, List<String>> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        insensitive.putAll(headers);
        headers = insensitive;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a header, joined as HTTP joins repeated headers. */
    public String joined(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
