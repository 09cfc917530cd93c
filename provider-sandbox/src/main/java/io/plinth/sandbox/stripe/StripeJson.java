package io.plinth.sandbox.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What leaves the sandbox: deep copies without the sandbox's own bookkeeping keys ({@code _…}). */
final class StripeJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeJson() {
    }

    static Map<String, Object> publicView(Map<String, Object> object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copy(object);
        return copy;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!String.valueOf(k).startsWith("_")) {
                    out.put(String.valueOf(k), copy(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    static Object read(String json) {
        return JSON.readValue(json, Object.class);
    }
}
