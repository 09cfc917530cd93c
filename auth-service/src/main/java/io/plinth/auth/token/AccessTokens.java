package io.plinth.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.plinth.auth.account.User;
import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.keys.KeyRing;
import io.plinth.platform.security.CurrentUser;
import io.plinth.platform.security.PlinthJwtDecoders;
import io.plinth.platform.security.PlinthSecurityProperties;
import org.springframework.stereotype.Component;

/** Mints RS256 access tokens (first-party) and cross-app session tokens with the platform's claims. */
@Component
public class AccessTokens {

    private final KeyRing keys;
    private final Clock clock;
    private final AuthProperties props;
    private final String audience;

    AccessTokens(KeyRing keys, Clock clock, AuthProperties props, PlinthSecurityProperties security) {
        this.keys = keys;
        this.clock = clock;
        this.props = props;
        this.audience = security.audience();
    }

    public record Minted(String token, Duration expiresIn) {
    }

    /** {@code aud=plinth-api}; no scopes: first-party tokens act as the user, not as an app. */
    public Minted forUser(User user) {
        return mint(user, List.of(audience), List.of(), null, props.accessTokenTtl());
    }

    /** {@code aud=app:{appId}}, scopes = the app's permissions, {@code app_id} claim. */
    public Minted forApp(User user, String appId, Collection<String> permissions) {
        return mint(user, List.of(PlinthJwtDecoders.APP_AUDIENCE_PREFIX + appId), permissions, appId,
                props.sessionTokenTtl());
    }

    private Minted mint(User user, List<String> aud, Collection<String> scopes, String appId, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.id().toString())
                .audience(aud)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim(CurrentUser.CLAIM_TENANT, user.tenantId())
                .claim(CurrentUser.CLAIM_ROLES, List.copyOf(user.roles()))
                .claim(CurrentUser.CLAIM_SCOPE, String.join(" ", scopes));
        if (appId != null) {
            claims.claim(CurrentUser.CLAIM_APP_ID, appId);
        }
        return new Minted(keys.sign(claims.build()), ttl);
    }
}
