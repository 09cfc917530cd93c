package io.plinth.payment.payments;

import io.plinth.payment.payments.Payment.LineItem;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A basket's lines as stored in {@code payments.items}: a JSON array of {@code {priceId, quantity}}. */
final class LineItems {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<LineItem>> LIST = new TypeReference<>() {
    };

    private LineItems() {
    }

    static String toJson(List<LineItem> items) {
        return JSON.writeValueAsString(items);
    }

    static List<LineItem> fromJson(String json) {
        return json == null || json.isEmpty() ? List.of() : JSON.readValue(json, LIST);
    }
}
