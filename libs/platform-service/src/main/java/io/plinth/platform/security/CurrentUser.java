package io.plinth.platform.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Who is calling, taken from the verified token. Handlers get it as a controller argument
 * ({@code Mono<Foo> handle(CurrentUser user)}) or reactively via {@link #get()}.
 *
 * @param userId   {@code sub}
 * @param tenantId {@code tid}
 * @param roles    {@code roles}, e.g. USER, ADMIN
 * @param scopes   {@code scope} (space separated in the token); for cross-app tokens the app's permissions
 * @param appId    the registered app for cross-app session tokens ({@code aud=app:{appId}}), otherwise null
 * @param token    the raw token, for calls that must forward it
 */
public record CurrentUser(String userId, String tenantId, Set<String> roles, Set<String> scopes, String appId,
                          String token) {

    public static final String CLAIM_TENANT = "tid";
    public static final String CLAIM_ROLES = "roles";
    public static final String CLAIM_SCOPE = "scope";
    public static final String CLAIM_APP_ID = "app_id";
    public static final String ROLE_ADMIN = "ADMIN";
    public static final String ROLE_USER = "USER";

    public CurrentUser {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** The caller of the current request; empty on public routes without a token. */
    public static Mono<CurrentUser> get() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> from(((JwtAuthenticationToken) auth).getToken()));
    }

    /** Reads the platform claims of a verified token. */
    public static CurrentUser from(Jwt jwt) {
        String appId = jwt.getClaimAsString(CLAIM_APP_ID);
        if (appId == null && jwt.getAudience() != null) {
            appId = jwt.getAudience().stream()
                    .filter(a -> a.startsWith(PlinthJwtDecoders.APP_AUDIENCE_PREFIX))
                    .map(a -> a.substring(PlinthJwtDecoders.APP_AUDIENCE_PREFIX.length()))
                    .findFirst().orElse(null);
        }
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString(CLAIM_TENANT),
                stringSet(jwt.getClaim(CLAIM_ROLES)), stringSet(jwt.getClaim(CLAIM_SCOPE)), appId,
                jwt.getTokenValue());
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }

    public boolean isApp() {
        return appId != null;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    private static Set<String> stringSet(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        if (claim instanceof Collection<?> values) {
            Set<String> out = new LinkedHashSet<>();
            values.forEach(v -> out.add(String.valueOf(v)));
            return out;
        }
        List<String> parts = Arrays.stream(claim.toString().split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        return new LinkedHashSet<>(parts);
    }

    @Override
    public String toString() {
        // Never let the raw token reach a log line.
        return "CurrentUser[userId=" + userId + ", tenantId=" + tenantId + ", roles=" + roles + ", scopes=" + scopes
                + ", appId=" + appId + "]";
    }
}
