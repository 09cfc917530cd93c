package io.plinth.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class PublicRoutesTest {

    @Test
    void theIssuesPublicRoutesArePublic() {
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/register")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/login")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/refresh")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/password-reset")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/password-reset/confirm")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/email/verify")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/.well-known/jwks.json")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/payments/products")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/webhooks/stripe")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/webhooks/mpesa/abc123")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/cross-app/auth")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/cross-app/credits/consume")).isTrue();
    }

    @Test
    void everythingElseNeedsAToken() {
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/auth/me")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/logout")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/payments")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/payments/products")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/credits/consume")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/admin/apps")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/auth/register/../me")).isFalse();
    }
}
