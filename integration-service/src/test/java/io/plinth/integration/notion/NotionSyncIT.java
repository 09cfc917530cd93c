package io.plinth.integration.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.events.video.VideoGenerationCompleted;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.SandboxControls;
import io.plinth.test.EventPublisher;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.security.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Notion as the content hub: events from the real Kafka become pages in the provider sandbox's Notion, once per
 * platform object, under the 3 requests/s limit as the sandbox saw the requests arrive.
 */
class NotionSyncIT extends IngressTestBase {

    static final EventPublisher EVENTS = new EventPublisher(PlatformInfrastructure.kafka().bootstrapServers(), "plinth/test");

    @AfterAll
    static void closePublisher() {
        EVENTS.close();
    }

    @Test
    void anExportIsOnePageDespiteReplaysAndIsUpdatedWhenItChanges() {
        Hub hub = hub(fresh("t"));
        String exportId = fresh("exp");
        EventEnvelope first = EVENTS.envelope(exportId, hub.tenant, export(exportId, "Launch teaser", List.of("launch", "teaser")));

        EVENTS.publish(first);
        EVENTS.publish(first);
        EVENTS.publish(EVENTS.envelope(exportId, hub.tenant, export(exportId, "Launch teaser", List.of("launch", "teaser"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> synced(hub.tenant) == 1);
        List<Map<String, Object>> pages = pages(hub.content);
        assertThat(pages).hasSize(1);
        String pageId = (String) pages.get(0).get("id");
        assertThat(title(pages.get(0))).isEqualTo("Launch teaser");
        assertThat(JsonPath.<Object>read(pages.get(0), "$.properties['Duration (s)'].number")).isEqualTo(42.5);
        assertThat(JsonPath.<Object>read(pages.get(0), "$.properties['Size (bytes)'].number")).isEqualTo(1048576);
        assertThat(JsonPath.<String>read(pages.get(0), "$.properties['Project ID'].rich_text[0].text.content")).isEqualTo("proj-7");
        assertThat(JsonPath.<String>read(pages.get(0), "$.properties.URL.url")).isEqualTo("https://cdn.plinth.example/" + exportId + ".mp4");
        assertThat(JsonPath.<List<String>>read(pages.get(0), "$.properties.Tags.multi_select[*].name")).containsExactly("launch", "teaser");
        // The replay with a new event id changed nothing: one create, no update.
        assertThat(requests(hub.token, "POST", "/v1/pages")).isEqualTo(1);
        assertThat(requests(hub.token, "PATCH", "/v1/pages/" + pageId)).isZero();

        EVENTS.publish(EVENTS.envelope(exportId, hub.tenant, export(exportId, "Launch teaser (final cut)", List.of("launch"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> title(pages(hub.content).get(0)).equals("Launch teaser (final cut)"));
        assertThat(pages(hub.content)).hasSize(1).first().extracting(p -> p.get("id")).isEqualTo(pageId);
        assertThat(count("select count(*) from notion_sync where tenant_id = ? and page_id = ? and status = 'synced'",
                hub.tenant, pageId)).isEqualTo(1);
    }

    @Test
    void aBurstIsThrottledToThreeRequestsASecondAndSurvivesA429() {
        Hub hub = hub(fresh("t"));
        int burst = 15;
        SandboxControls.fault("notion", "{\"status\":429,\"times\":1}");
        List<String> exports = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String exportId = fresh("burst");
            exports.add(exportId);
            EVENTS.publish(EVENTS.envelope(exportId, hub.tenant, export(exportId, "Burst " + i, List.of())));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> synced(hub.tenant) == burst);
        assertThat(pages(hub.content)).hasSize(burst);
        HttpResponse<String> seen = SandboxControls.get("/_sandbox/notion/requests?token=" + hub.token);
        List<Long> arrivals = JsonPath.<List<Number>>read(seen.body(), "$.data[*].atMillis").stream()
                .map(Number::longValue).sorted().toList();
        // From the arrival times themselves: no one-second window held more than three requests.
        for (int i = 3; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 3)).as("requests %d..%d arrived within a second", i - 3, i)
                    .isGreaterThanOrEqualTo(1000);
        }
        assertThat((Integer) JsonPath.read(seen.body(), "$.maxInAnySecond")).isLessThanOrEqualTo(3);
        assertThat(JsonPath.<List<Integer>>read(seen.body(), "$.data[*].status")).contains(429);
        assertThat(exports).allSatisfy(id -> assertThat(count(
                "select count(*) from notion_sync where tenant_id = ? and object_id = ? and page_id is not null", hub.tenant, id))
                .isEqualTo(1));
    }

    @Test
    void generationsGoToTheContentDatabaseAndPaymentsToTheTransactionsDatabase() {
        Hub hub = hub(fresh("t"));
        String jobId = fresh("job");
        String paymentId = fresh("pay");

        EVENTS.publish(EVENTS.envelope(jobId, hub.tenant, new VideoGenerationCompleted(jobId, "user-1", "video-9", "hold-1")));
        EVENTS.publish(EVENTS.envelope(paymentId, hub.tenant,
                new PaymentSucceeded(paymentId, "user-1", "stripe", "credits-100", "price_1", 100, 1250, "usd")));

        await().atMost(Duration.ofSeconds(30)).until(() -> synced(hub.tenant) == 2);
        assertThat(pages(hub.content)).singleElement().satisfies(p -> assertThat(title(p)).isEqualTo("Generation " + jobId));
        Map<String, Object> payment = pages(hub.transactions).get(0);
        assertThat(title(payment)).isEqualTo("Payment " + paymentId);
        assertThat(JsonPath.<Object>read(payment, "$.properties.Amount.number")).isEqualTo(12.5);
        assertThat(JsonPath.<String>read(payment, "$.properties.Status.select.name")).isEqualTo("succeeded");

        EVENTS.publish(EVENTS.envelope(paymentId, hub.tenant,
                new PaymentRefunded(paymentId, "user-1", "re_1", 1250, 1250, 1250, "usd", 100)));

        await().atMost(Duration.ofSeconds(30)).until(() -> "refunded".equals(
                JsonPath.read(pages(hub.transactions).get(0), "$.properties.Status.select.name")));
        assertThat(pages(hub.transactions)).hasSize(1);
        assertThat(JsonPath.<Object>read(pages(hub.transactions).get(0), "$.properties.Credits.number")).isEqualTo(100);
    }

    @Test
    void syncStatusCountsAndFailuresAreTheCallersTenantsOnly() {
        Hub hub = hub(fresh("t"));
        String other = fresh("t");
        String exportId = fresh("exp");
        EVENTS.publish(EVENTS.envelope(exportId, hub.tenant, export(exportId, "Mine", List.of())));
        await().atMost(Duration.ofSeconds(30)).until(() -> synced(hub.tenant) == 1);
        // A database that was deleted: Notion refuses, the row fails, the status shows why.
        put(hub.tenant, "{\"settings\":{\"contentDatabaseId\":\"" + "0123456789abcdef0123456789abcdef" + "\","
                + "\"transactionsDatabaseId\":\"" + hub.transactions + "\"}}");
        String lost = fresh("exp");
        EVENTS.publish(EVENTS.envelope(lost, hub.tenant, export(lost, "Nowhere to go", List.of())));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from notion_sync where tenant_id = ? and status = 'failed'", hub.tenant) == 1);

        HttpResponse<String> mine = syncStatus(hub.tenant);
        HttpResponse<String> theirs = syncStatus(other);

        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(mine.body(), "$.synced")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(mine.body(), "$.failed")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(mine.body(), "$.pending")).isZero();
        assertThat(JsonPath.<String>read(mine.body(), "$.recentFailures[0].objectId")).isEqualTo(lost);
        assertThat(JsonPath.<String>read(mine.body(), "$.recentFailures[0].error")).contains("object_not_found");
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(theirs.body()).contains("\"pending\":0", "\"failed\":0", "\"synced\":0", "\"recentFailures\":[]");
        assertThat(send(admin(other, "GET", "/api/v1/admin/integrations/notion").build()).body()).contains("\"configured\":false");
        HttpResponse<String> user = send(HttpRequest.newBuilder(url("/api/v1/admin/integrations/notion/sync-status"))
                .header("Authorization", "Bearer " + TestTokens.user("u-" + hub.tenant).tenant(hub.tenant).sign()).GET().build());
        assertThat(user.statusCode()).isEqualTo(403);
    }

    @Test
    void connectionTestRetrievesTheDatabasesAndNamesWhatIsWrong() {
        Hub hub = hub(fresh("t"));

        HttpResponse<String> ok = send(admin(hub.tenant, "POST", "/api/v1/admin/integrations/notion/test").build());
        put(hub.tenant, "{\"settings\":{\"contentDatabaseId\":\"0123456789abcdef0123456789abcdef\"}}");
        HttpResponse<String> missing = send(admin(hub.tenant, "POST", "/api/v1/admin/integrations/notion/test").build());
        put(hub.tenant, "{\"credentials\":{\"token\":\"not-a-notion-token\"}}");
        HttpResponse<String> badToken = send(admin(hub.tenant, "POST", "/api/v1/admin/integrations/notion/test").build());

        assertThat(ok.body()).as(ok.body()).contains("\"ok\":true").contains("2 database(s) reachable");
        assertThat(missing.body()).contains("\"ok\":false").contains("contentDatabaseId: Notion answered 404 object_not_found");
        assertThat(badToken.body()).contains("\"ok\":false").contains("401 unauthorized");
    }

    @Test
    void settingsThatAreNotNotionDatabaseIdsAreRefusedNamingTheFieldAndNothingIsStored() {
        String tenant = fresh("t");

        HttpResponse<String> notAnId = put(tenant, "{\"enabled\":true,\"credentials\":{\"token\":\"secret_" + tenant + "\"},"
                + "\"settings\":{\"contentDatabaseId\":\"my content database\"}}");
        HttpResponse<String> wrongType = put(tenant, "{\"enabled\":true,\"credentials\":{\"token\":\"secret_" + tenant + "\"},"
                + "\"settings\":{\"transactionsDatabaseId\":42,\"contentDatabaseId\":true}}");

        assertThat(notAnId.statusCode()).isEqualTo(422);
        assertThat(JsonPath.<List<String>>read(notAnId.body(), "$.errors[*].field")).containsExactly("settings.contentDatabaseId");
        assertThat(wrongType.statusCode()).isEqualTo(422);
        assertThat(JsonPath.<List<String>>read(wrongType.body(), "$.errors[*].field"))
                .containsExactlyInAnyOrder("settings.contentDatabaseId", "settings.transactionsDatabaseId");
        assertThat(count("select count(*) from integrations where tenant_id = ?", tenant)).isZero();
    }

    // ---- helpers ----

    record Hub(String tenant, String token, String content, String transactions) {
    }

    /** A tenant with its own Notion token and two fresh databases in the sandbox. */
    private Hub hub(String tenant) {
        String token = "secret_" + tenant;
        String content = database("Video content " + tenant);
        String transactions = database("Video transactions " + tenant);
        HttpResponse<String> put = put(tenant, "{\"enabled\":true,\"credentials\":{\"token\":\"" + token + "\"},"
                + "\"settings\":{\"contentDatabaseId\":\"" + content.replace("-", "") + "\",\"transactionsDatabaseId\":\""
                + transactions + "\"}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return new Hub(tenant, token, content, transactions);
    }

    private static String database(String title) {
        HttpResponse<String> made = SandboxControls.post("/_sandbox/notion/databases", "{\"title\":\"" + title + "\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return JsonPath.read(made.body(), "$.id");
    }

    private static VideoExportCompleted export(String exportId, String title, List<String> tags) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", title);
        metadata.put("projectId", "proj-7");
        metadata.put("durationSeconds", 42.5);
        metadata.put("sizeBytes", 1048576);
        metadata.put("tags", tags);
        return new VideoExportCompleted(exportId, "user-1", "content-1", "https://cdn.plinth.example/" + exportId + ".mp4", metadata);
    }

    private HttpRequest.Builder admin(String tenant, String method, String path) {
        return HttpRequest.newBuilder(url(path))
                .header("Authorization", "Bearer " + TestTokens.admin("admin-" + tenant).tenant(tenant).sign())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> put(String tenant, String json) {
        return send(admin(tenant, "PUT", "/api/v1/admin/integrations/notion")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> syncStatus(String tenant) {
        return send(admin(tenant, "GET", "/api/v1/admin/integrations/notion/sync-status").build());
    }

    private long synced(String tenant) {
        return count("select count(*) from notion_sync where tenant_id = ? and status = 'synced'", tenant);
    }

    private static List<Map<String, Object>> pages(String database) {
        return JsonPath.read(SandboxControls.get("/_sandbox/notion/pages?database_id=" + database).body(), "$.data");
    }

    private static String title(Map<String, Object> page) {
        return JsonPath.read(page, "$.properties.Name.title[0].text.content");
    }

    private static long requests(String token, String method, String path) {
        List<Object> found = JsonPath.read(SandboxControls.get("/_sandbox/notion/requests?token=" + token).body(),
                "$.data[?(@.method == '" + method + "' && @.path == '" + path + "')]");
        return found.size();
    }
}
