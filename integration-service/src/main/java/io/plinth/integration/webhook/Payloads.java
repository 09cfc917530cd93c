package io.plinth.integration.webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a verified body as JSON, strictly: UTF-8 only, one object, no duplicate keys (two parsers must never
 * read two different events from one signed body), bounded nesting. Runs only after the signature matched.
 */
final class Payloads {

    /** Provider events nest a handful of levels; Jackson's own default (500) is far more than any needs. */
    static final int MAX_NESTING = 64;

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Payloads() {
    }

    /** The parsed object; {@link PayloadException} naming what is wrong otherwise. */
    static JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw new PayloadException("", "The body is empty.");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new PayloadException("", "The body is not JSON the provider sends: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new PayloadException("", "The body is not a JSON object.");
        }
        return node;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** The body is not this provider's format (400), naming the field when one is at fault. */
    static final class PayloadException extends RuntimeException {

        private final String field;

        PayloadException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
