package io.plinth.console.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the claims of an access token the platform issued, to know whose it is and when it expires. No signature
 * check: the console holds no keys and needs none, because it never grants anything on the token's word — the APIs
 * it calls verify every token they get. A token that does not parse is no session.
 */
final class AccessTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessTokens() {
    }

    static Optional<Operator> read(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            Map<?, ?> claims = JSON.readValue(new String(payload, StandardCharsets.UTF_8), Map.class);
            if (!(claims.get("sub") instanceof String subject) || !(claims.get("exp") instanceof Number exp)) {
                return Optional.empty();
            }
            Set<String> roles = new HashSet<>();
            if (claims.get("roles") instanceof List<?> list) {
                list.forEach(role -> roles.add(String.valueOf(role)));
            }
            String email = claims.get("email") instanceof String e ? e : null;
            return Optional.of(new Operator(token, subject, email, roles, Instant.ofEpochSecond(exp.longValue())));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
