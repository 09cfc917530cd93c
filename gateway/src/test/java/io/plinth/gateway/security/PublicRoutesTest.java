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
        // Authenticated by the refresh token in the body, so it works after the access token expired.
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/auth/logout")).isTrue();
        // Swagger UI: the page, what it loads, and every service's document.
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/docs")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/docs/auth-service/v3/api-docs")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/swagger-ui/index.html")).isTrue();
        // The console signs its operators in itself; its pages carry cookies, not bearer tokens.
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/console")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/console/login")).isTrue();
    }

    @Test
    void everythingElseNeedsAToken() {
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/auth/me")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/auth/logout")).isFalse();
        // Metrics and health live on the management port, which is not routed.
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/actuator/prometheus")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/actuator/health")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/payments")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/payments/products")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/api/v1/credits/consume")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/admin/apps")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/api/v1/auth/register/../me")).isFalse();
    }
}
