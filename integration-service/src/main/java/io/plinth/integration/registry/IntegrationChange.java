package io.plinth.integration.registry;

import io.plinth.web.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked {@code PUT /api/v1/admin/integrations/{key}} body: {@code {enabled?, credentials?, settings?}}. What is
 * left out keeps its stored value; credentials, when given, replace the stored ones whole and must carry every field
 * the provider needs; settings, when given, replace the stored ones and must have their types. Plain Java: the
 * request is read as a JSON object and checked field by field, so every problem names its field.
 *
 * @param enabled     null: keep
 * @param credentials null: keep; otherwise every field of {@link IntegrationKey#credentialFields()}
 * @param settings    null: keep
 */
public record IntegrationChange(Boolean enabled, Map<String, String> credentials, Map<String, Object> settings) {

    private static final Set<String> FIELDS = Set.of("enabled", "credentials", "settings");
    static final int MAX_CREDENTIAL_LENGTH = 8_192;

    /** Why a body was refused: every invalid field. */
    public static final class Invalid extends RuntimeException {
        private final List<FieldViolation> errors;

        Invalid(List<FieldViolation> errors) {
            super("invalid integration change", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<FieldViolation> errors() {
            return errors;
        }
    }

    @Override
    public String toString() {
        // Credentials never reach a log line, whatever prints this.
        return "IntegrationChange[enabled=" + enabled + ", credentials="
                + (credentials == null ? "keep" : credentials.keySet() + " (values hidden)") + ", settings=" + settings + "]";
    }

    /**
     * Reads {@code body} for {@code key}; {@code stored} says whether credentials are stored already (a first
     * write must bring them). Throws {@link Invalid} naming every bad field.
     */
    public static IntegrationChange parse(IntegrationKey key, Map<String, Object> body, boolean stored) {
        List<FieldViolation> errors = new ArrayList<>();
        if (body == null) {
            throw new Invalid(List.of(FieldViolation.of("", "required", "The body must be a JSON object.")));
        }
        body.keySet().stream().filter(f -> !FIELDS.contains(f)).sorted().forEach(f ->
                errors.add(FieldViolation.of(f, "unknown_field", f + " is not a field; use enabled, credentials, settings.")));
        Boolean enabled = null;
        Object e = body.get("enabled");
        if (e instanceof Boolean b) {
            enabled = b;
        } else if (e != null) {
            errors.add(FieldViolation.of("enabled", "invalid_type", "enabled must be true or false."));
        }
        Map<String, String> credentials = credentials(key, body.get("credentials"), stored, errors);
        Map<String, Object> settings = settings(key, body.get("settings"), errors);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new IntegrationChange(enabled, credentials, settings);
    }

    private static Map<String, String> credentials(IntegrationKey key, Object value, boolean stored,
            List<FieldViolation> errors) {
        if (value == null) {
            if (!stored) {
                errors.add(FieldViolation.of("credentials", "required", key.id() + " has no credentials yet; send "
                        + String.join(", ", key.credentialFields()) + "."));
            }
            return null;
        }
        if (!(value instanceof Map<?, ?> given)) {
            errors.add(FieldViolation.of("credentials", "invalid_type", "credentials must be an object."));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : key.credentialFields()) {
            Object v = given.get(field);
            if (v == null) {
                errors.add(FieldViolation.of("credentials." + field, "required", key.id() + " needs credentials." + field + "."));
            } else if (!(v instanceof String s) || s.isBlank() || s.length() > MAX_CREDENTIAL_LENGTH) {
                errors.add(FieldViolation.of("credentials." + field, "invalid_type",
                        "credentials." + field + " must be a non-blank string of at most " + MAX_CREDENTIAL_LENGTH + " characters."));
            } else {
                out.put(field, s);
            }
        }
        given.keySet().stream().map(String::valueOf).filter(f -> !key.credentialFields().contains(f)).sorted().forEach(f ->
                errors.add(FieldViolation.of("credentials." + f, "unknown_field", key.id() + " credentials are "
                        + String.join(", ", key.credentialFields()) + "; " + f + " is not one of them.")));
        return out;
    }

    private static Map<String, Object> settings(IntegrationKey key, Object value, List<FieldViolation> errors) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> given)) {
            errors.add(FieldViolation.of("settings", "invalid_type", "settings must be an object."));
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        given.forEach((name, v) -> {
            String field = "settings." + name;
            SettingType type = key.settings().get(String.valueOf(name));
            if (type == null) {
                errors.add(FieldViolation.of(field, "unknown_field", key.id() + " settings are "
                        + String.join(", ", key.settings().keySet()) + "; " + name + " is not one of them."));
            } else if (v != null) {
                type.problem(v).ifPresentOrElse(
                        p -> errors.add(FieldViolation.of(field, "invalid_type", field + " " + p + ".")),
                        () -> out.put(String.valueOf(name), v));
            }
        });
        return out;
    }
}
