package io.plinth.sandbox.notion;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.sandbox.SandboxTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Notion's pages and databases as the sandbox plays them: headers checked, errors in Notion's shape, the rate check. */
class NotionIT extends SandboxTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> notion(String method, String path, String token, String version, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (version != null) {
            request.header("Notion-Version", version);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private static String page(String database, String objectId, String title) {
        return "{\"parent\":{\"database_id\":\"" + database + "\"},\"properties\":{\"Name\":{\"title\":[{\"text\":{\"content\":\""
                + title + "\"}}]},\"Object ID\":{\"rich_text\":[{\"text\":{\"content\":\"" + objectId + "\"}}]}}}";
    }

    @Test
    void pagesAreCreatedUpdatedAndFoundByAPropertyInTheirDatabase() throws Exception {
        String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
        String database = id(post("/_sandbox/notion/databases", "{\"title\":\"Content\"}").body());

        HttpResponse<String> retrieved = notion("GET", "/v1/databases/" + database.replace("-", ""), token, "2022-06-28", null);
        HttpResponse<String> created = notion("POST", "/v1/pages", token, "2022-06-28", page(database, "export:1", "First"));
        String pageId = id(created.body());
        HttpResponse<String> updated = notion("PATCH", "/v1/pages/" + pageId, token, "2022-06-28",
                "{\"properties\":{\"Name\":{\"title\":[{\"text\":{\"content\":\"Renamed\"}}]}}}");
        HttpResponse<String> found = notion("POST", "/v1/databases/" + database + "/query", token, "2022-06-28",
                "{\"filter\":{\"property\":\"Object ID\",\"rich_text\":{\"equals\":\"export:1\"}}}");
        HttpResponse<String> notFound = notion("POST", "/v1/databases/" + database + "/query", token, "2022-06-28",
                "{\"filter\":{\"property\":\"Object ID\",\"rich_text\":{\"equals\":\"export:2\"}}}");

        assertThat(retrieved.statusCode()).isEqualTo(200);
        assertThat(retrieved.body()).contains("\"object\":\"database\"", "\"id\":\"" + database + "\"");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"object\":\"page\"", "\"database_id\":\"" + database + "\"");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("Renamed", "export:1");
        assertThat(found.body()).contains("\"object\":\"list\"", pageId, "\"has_more\":false");
        assertThat(notFound.body()).contains("\"results\":[]");
        assertThat(get("/_sandbox/notion/pages?database_id=" + database).body()).contains(pageId, "Renamed");
    }

    @Test
    void tokenVersionAndUnknownObjectsAreRefusedAsNotionRefusesThem() throws Exception {
        String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
        String missing = "0123456789abcdef0123456789abcdef";

        HttpResponse<String> noToken = notion("GET", "/v1/users/me", null, "2022-06-28", null);
        HttpResponse<String> noVersion = notion("GET", "/v1/users/me", token, null, null);
        HttpResponse<String> badVersion = notion("GET", "/v1/users/me", token, "2099-01-01", null);
        HttpResponse<String> me = notion("GET", "/v1/users/me", token, "2022-06-28", null);
        HttpResponse<String> noDatabase = notion("GET", "/v1/databases/" + missing, token, "2022-06-28", null);
        HttpResponse<String> noParent = notion("POST", "/v1/pages", token, "2022-06-28", "{\"properties\":{}}");

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("\"object\":\"error\"", "\"code\":\"unauthorized\"");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("\"code\":\"missing_version\"");
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"type\":\"bot\"");
        assertThat(noDatabase.statusCode()).isEqualTo(404);
        assertThat(noDatabase.body()).contains("\"code\":\"object_not_found\"");
        assertThat(noParent.statusCode()).isEqualTo(400);
        assertThat(noParent.body()).contains("\"code\":\"validation_error\"", "parent.database_id");
    }

    @Test
    void theRateCheckSeesFourRequestsInOneSecondAndA429FaultIsNotionShaped() throws Exception {
        String token = "secret_" + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 4; i++) {
            notion("GET", "/v1/users/me", token, "2022-06-28", null);
        }
        assertThat(post("/_sandbox/notion/faults", "{\"status\":429,\"times\":1}").statusCode()).isBetween(200, 299);
        HttpResponse<String> limited = notion("GET", "/v1/users/me", token, "2022-06-28", null);

        String seen = get("/_sandbox/notion/requests?token=" + token).body();
        assertThat(seen).contains("\"count\":5", "\"status\":429");
        // The rate check agrees with a count made here from the arrival times it reports.
        java.util.List<Long> at = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\"atMillis\":(\\d+)").matcher(seen);
        while (m.find()) {
            at.add(Long.parseLong(m.group(1)));
        }
        int most = 0;
        for (long from : at) {
            most = Math.max(most, (int) at.stream().filter(t -> t >= from && t < from + 1000).count());
        }
        assertThat(seen).contains("\"maxInAnySecond\":" + most);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(limited.body()).contains("\"object\":\"error\"", "\"code\":\"rate_limited\"");
    }

    @Test
    void theWindowCountsArrivalsWithinOneSecondOnly() {
        java.util.List<NotionWorkspace.Request> spaced = java.util.List.of(req(0), req(300), req(600), req(900), req(1500), req(2600));
        assertThat(NotionWorkspace.maxInAnySecond(spaced)).isEqualTo(4);
        assertThat(NotionWorkspace.maxInAnySecond(java.util.List.of(req(0), req(1000), req(2000)))).isEqualTo(1);
    }

    private static NotionWorkspace.Request req(long at) {
        return new NotionWorkspace.Request(at, "t", "GET", "/v1/users/me", 200);
    }
}
