package io.plinth.console.integrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields to draw for an integration that has no credentials stored yet (a stored one names its own fields in
 * the API's masked view). PROVIDERS.md lists them; the API stays the judge — a field it misses comes back as a
 * 422 naming it, and an integration not listed here is drawn from what the API says, with a free-form field list.
 */
final class ProviderFields {

    enum Type { TEXT, BOOLEAN, INTEGER }

    record Known(List<String> credentials, Map<String, Type> settings) {
    }

    private static final Map<String, Known> KNOWN = Map.of(
            "docusign", new Known(List.of("integrationKey", "userId", "privateKey"),
                    settings("accountId", Type.TEXT, "templateId", Type.TEXT)),
            "zoom", new Known(List.of("accountId", "clientId", "clientSecret"),
                    settings("timezone", Type.TEXT, "defaultDurationMinutes", Type.INTEGER)),
            "sendgrid", new Known(List.of("apiKey"),
                    settings("fromEmail", Type.TEXT, "fromName", Type.TEXT, "sandboxMode", Type.BOOLEAN)),
            "notion", new Known(List.of("token"),
                    settings("contentDatabaseId", Type.TEXT, "transactionsDatabaseId", Type.TEXT)));

    private ProviderFields() {
    }

    static List<String> credentials(String key, Map<String, String> stored) {
        if (stored != null && !stored.isEmpty()) {
            return List.copyOf(stored.keySet());
        }
        Known known = KNOWN.get(key);
        return known == null ? List.of() : known.credentials();
    }

    /** Setting name → type: the known ones, plus any the API shows that are not known here (as text). */
    static Map<String, Type> settings(String key, Map<String, Object> current) {
        Map<String, Type> out = new LinkedHashMap<>();
        Known known = KNOWN.get(key);
        if (known != null) {
            out.putAll(known.settings());
        }
        if (current != null) {
            current.forEach((name, value) -> out.putIfAbsent(name, value instanceof Boolean ? Type.BOOLEAN
                    : value instanceof Number ? Type.INTEGER : Type.TEXT));
        }
        return out;
    }

    private static Map<String, Type> settings(Object... pairs) {
        Map<String, Type> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Type) pairs[i + 1]);
        }
        return map;
    }
}
