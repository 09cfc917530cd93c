package io.plinth.integration.registry;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The integrations a tenant can configure, each with the credential fields its provider needs (PROVIDERS.md) and
 * the settings it understands, with their types. The set is fixed: an integration is code, not data.
 */
public enum IntegrationKey {

    /** JWT grant: iss = integration key, sub = user id, signed with the app's RSA private key (PEM). */
    DOCUSIGN("docusign", List.of("integrationKey", "userId", "privateKey"),
            settings("accountId", SettingType.STRING, "templateId", SettingType.STRING)),
    /** Server-to-server OAuth: account id + client id/secret. */
    ZOOM("zoom", List.of("accountId", "clientId", "clientSecret"),
            settings("timezone", SettingType.STRING, "defaultDurationMinutes", SettingType.INTEGER)),
    /** One API key, sent as Bearer. */
    SENDGRID("sendgrid", List.of("apiKey"),
            settings("fromEmail", SettingType.EMAIL, "fromName", SettingType.STRING, "sandboxMode", SettingType.BOOLEAN)),
    /** An internal integration's secret, sent as Bearer; the two databases the content hub writes to. */
    NOTION("notion", List.of("token"),
            settings("contentDatabaseId", SettingType.NOTION_ID, "transactionsDatabaseId", SettingType.NOTION_ID));

    private final String id;
    private final List<String> credentialFields;
    private final Map<String, SettingType> settings;

    IntegrationKey(String id, List<String> credentialFields, Map<String, SettingType> settings) {
        this.id = id;
        this.credentialFields = credentialFields;
        this.settings = settings;
    }

    public String id() {
        return id;
    }

    /** Every one is required: a provider cannot be called with part of its credentials. */
    public List<String> credentialFields() {
        return credentialFields;
    }

    /** Every setting is optional; a present one must have its type. */
    public Map<String, SettingType> settings() {
        return settings;
    }

    public static Optional<IntegrationKey> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(IntegrationKey::id).toList());
    }

    private static Map<String, SettingType> settings(Object... nameTypePairs) {
        Map<String, SettingType> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            map.put((String) nameTypePairs[i], (SettingType) nameTypePairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return id;
    }
}
