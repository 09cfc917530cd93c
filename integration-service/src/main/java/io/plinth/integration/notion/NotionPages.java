package io.plinth.integration.notion;

import io.plinth.events.payment.PaymentFailed;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.events.video.VideoGenerationCompleted;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Notion page each platform object becomes, as Notion property values. The content database needs the
 * properties {@code Name} (title), {@code Object ID}, {@code Project ID} (rich text), {@code Kind}, {@code Status}
 * (select), {@code Duration (s)}, {@code Size (bytes)} (number), {@code URL} (url), {@code Tags} (multi-select); the
 * transactions database {@code Name} (title), {@code Object ID}, {@code User ID} (rich text), {@code Status},
 * {@code Currency}, {@code Provider} (select), {@code Amount}, {@code Refunded}, {@code Credits} (number).
 * {@code Object ID} ({@code export:…}, {@code generation:…}, {@code payment:…}) finds a page again.
 */
final class NotionPages {

    static final String OBJECT_ID = "Object ID";
    static final String CONTENT = "content";
    static final String TRANSACTIONS = "transactions";

    /** A wanted page: which object, which database, which properties. */
    record Wanted(String objectType, String objectId, String target, Map<String, Object> properties) {

        String objectKey() {
            return objectType + ":" + objectId;
        }
    }

    private NotionPages() {
    }

    static Wanted export(VideoExportCompleted e) {
        Map<String, Object> m = e.metadata() == null ? Map.of() : e.metadata();
        Map<String, Object> p = new LinkedHashMap<>();
        Object title = first(m, "title", "name");
        p.put("Name", title("" + (title != null ? title : "Export " + e.exportId())));
        p.put(OBJECT_ID, text("export:" + e.exportId()));
        Object project = first(m, "projectId", "project_id");
        p.put("Project ID", text(String.valueOf(project != null ? project : e.contentId() == null ? "" : e.contentId())));
        p.put("Kind", select("export"));
        p.put("Status", select(String.valueOf(first(m, "status") != null ? first(m, "status") : "completed")));
        number(p, "Duration (s)", first(m, "durationSeconds", "duration", "duration_seconds"));
        number(p, "Size (bytes)", first(m, "sizeBytes", "size", "size_bytes", "fileSize"));
        if (e.videoUrl() != null && !e.videoUrl().isBlank()) {
            p.put("URL", Map.of("url", e.videoUrl()));
        }
        if (first(m, "tags") instanceof Collection<?> tags) {
            List<Map<String, Object>> names = new ArrayList<>();
            for (Object tag : tags) {
                // Notion refuses commas in select option names.
                names.add(Map.of("name", clip(String.valueOf(tag).replace(',', ' '), 100)));
            }
            p.put("Tags", Map.of("multi_select", names));
        }
        return new Wanted("export", e.exportId(), CONTENT, p);
    }

    static Wanted generation(VideoGenerationCompleted e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Name", title("Generation " + e.jobId()));
        p.put(OBJECT_ID, text("generation:" + e.jobId()));
        p.put("Project ID", text(e.videoId() == null ? "" : e.videoId()));
        p.put("Kind", select("generation"));
        p.put("Status", select("completed"));
        return new Wanted("generation", e.jobId(), CONTENT, p);
    }

    static Wanted paymentSucceeded(PaymentSucceeded e) {
        Map<String, Object> p = payment(e.paymentId(), e.userId(), "succeeded");
        p.put("Amount", Map.of("number", major(e.amountMinor(), e.currency())));
        p.put("Currency", select(e.currency() == null ? "unknown" : e.currency().toUpperCase()));
        p.put("Provider", select(e.provider() == null ? "unknown" : e.provider()));
        p.put("Credits", Map.of("number", e.credits()));
        return new Wanted("payment", e.paymentId(), TRANSACTIONS, p);
    }

    static Wanted paymentFailed(PaymentFailed e) {
        Map<String, Object> p = payment(e.paymentId(), e.userId(), "failed");
        p.put("Provider", select(e.provider() == null ? "unknown" : e.provider()));
        return new Wanted("payment", e.paymentId(), TRANSACTIONS, p);
    }

    static Wanted paymentRefunded(PaymentRefunded e) {
        Map<String, Object> p = payment(e.paymentId(), e.userId(),
                e.totalRefundedMinor() >= e.amountMinor() ? "refunded" : "partially refunded");
        p.put("Amount", Map.of("number", major(e.amountMinor(), e.currency())));
        p.put("Refunded", Map.of("number", major(e.totalRefundedMinor(), e.currency())));
        p.put("Currency", select(e.currency() == null ? "unknown" : e.currency().toUpperCase()));
        return new Wanted("payment", e.paymentId(), TRANSACTIONS, p);
    }

    private static Map<String, Object> payment(String paymentId, String userId, String status) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Name", title("Payment " + paymentId));
        p.put(OBJECT_ID, text("payment:" + paymentId));
        p.put("User ID", text(userId == null ? "" : userId));
        p.put("Status", select(status));
        return p;
    }

    private static Object first(Map<String, Object> m, String... keys) {
        for (String k : keys) {
            if (m.get(k) != null) {
                return m.get(k);
            }
        }
        return null;
    }

    private static void number(Map<String, Object> p, String name, Object value) {
        if (value instanceof Number n) {
            p.put(name, Map.of("number", n));
        } else if (value != null) {
            try {
                p.put(name, Map.of("number", new BigDecimal(String.valueOf(value).trim())));
            } catch (NumberFormatException ignored) {
                // Not a number: the property is left out rather than the page refused.
            }
        }
    }

    private static BigDecimal major(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency.toUpperCase()).getDefaultFractionDigits());
        } catch (RuntimeException ignored) {
            // An unknown currency code: two decimals, like most.
        }
        return BigDecimal.valueOf(minor, digits);
    }

    /** Notion caps a text content at 2 000 characters. */
    static Map<String, Object> title(String s) {
        return Map.of("title", List.of(Map.of("text", Map.of("content", clip(s, 2000)))));
    }

    static Map<String, Object> text(String s) {
        return Map.of("rich_text", List.of(Map.of("text", Map.of("content", clip(s, 2000)))));
    }

    private static Map<String, Object> select(String name) {
        return Map.of("select", Map.of("name", clip(name.replace(',', ' '), 100)));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
