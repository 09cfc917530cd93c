package io.plinth.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.plinth.auth.AuthServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** GET /api/v1/admin/users?email=: the console's user search. */
class AdminUserSearchIT extends AuthServiceITSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Test
    void findsUsersOfTheAdminsTenantByPartOfTheirEmailAPageAtATime() {
        String marker = "find-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(register(marker + "-" + i + "@Example.com"));
        }
        String admin = adminToken();

        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String after = cursor;
            Map<String, Object> page = client().get().uri(u -> {
                        u.path("/api/v1/admin/users").queryParam("email", marker.toUpperCase()).queryParam("limit", 2);
                        return after == null ? u.build() : u.queryParam("cursor", after).build();
                    })
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody(JSON).returnResult().getResponseBody();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            items.forEach(item -> {
                found.add((String) item.get("userId"));
                assertThat(item).containsKeys("email", "tier", "roles", "createdAt").doesNotContainKey("passwordHash");
            });
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(found).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aUserOfAnotherTenantIsNeverFoundAndNonAdminsAreRefused() {
        String admin = adminToken();
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client().post().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenantId", tenant, "name", "Other school"))
                .exchange().expectStatus().isCreated();
        String marker = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        register(marker + "-other@example.com", tenant);

        client().get().uri(u -> u.path("/api/v1/admin/users").queryParam("email", marker).build())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);

        String userEmail = marker + "-user@example.com";
        register(userEmail);
        client().get().uri(u -> u.path("/api/v1/admin/users").queryParam("email", marker).build())
                .headers(h -> h.setBearerAuth(accessToken(userEmail))).exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void badInputIsA422NamingTheFieldAndLikeCharactersAreLiteral() {
        String admin = adminToken();
        for (String query : List.of("", "?email=", "?email=a&limit=0", "?email=a&limit=x", "?email=a&cursor=%25%25")) {
            client().get().uri("/api/v1/admin/users" + query).headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isEqualTo(422)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").exists();
        }
        // LIKE's wildcards match themselves, not every address.
        client().get().uri(u -> u.path("/api/v1/admin/users").queryParam("email", "_").build())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }
}
