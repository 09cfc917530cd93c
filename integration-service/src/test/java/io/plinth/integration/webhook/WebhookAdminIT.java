package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.TestWebhooks;
import io.plinth.integration.support.WebhookTopic;
import io.plinth.test.security.TestTokens;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin view of the webhook log: filters, cursor pages, replay; admins only. */
class WebhookAdminIT extends IngressTestBase {

    @Test
    void replayRepublishesAnAcceptedEventUnderANewEnvelopeId() {
        String eventId = fresh("evt");
        String objectId = fresh("exp");
        HttpResponse<String> accepted = deliverSigned(TestWebhooks.CAPCUT, eventId, objectId);
        String logId = JsonPath.read(accepted.body(), "$.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookTopic.about("capcut", eventId).size() == 1);

        HttpResponse<String> replayed = admin("POST", "/api/v1/admin/webhook-events/" + logId + "/replay");

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        assertThat((Integer) JsonPath.read(replayed.body(), "$.replays")).isEqualTo(1);
        List<WebhookTopic.Published> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> WebhookTopic.about("capcut", eventId), p -> p.size() == 2);
        assertThat(published.get(1).envelope().id()).isNotEqualTo(published.get(0).envelope().id());
        assertThat(published.get(1).key()).isEqualTo(objectId);
        assertThat(published.get(1).data()).isEqualTo(published.get(0).data());
    }

    @Test
    void aRefusedAttemptCannotBeReplayedAndAnUnknownIdIs404() {
        byte[] body = TestWebhooks.PIPIT.body(fresh("evt"), fresh("pay")).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = deliver("/api/v1/webhooks/pipit", body, Map.of());
        String logId = JsonPath.read(refused.body(), "$.webhookEventId");

        HttpResponse<String> replay = admin("POST", "/api/v1/admin/webhook-events/" + logId + "/replay");

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(replay.body(), "$.code")).isEqualTo("not_replayable");
        assertThat(admin("POST", "/api/v1/admin/webhook-events/00000000-0000-0000-0000-000000000000/replay").statusCode())
                .isEqualTo(404);
        assertThat(admin("GET", "/api/v1/admin/webhook-events/not-a-uuid").statusCode()).isEqualTo(404);
        HttpResponse<String> one = admin("GET", "/api/v1/admin/webhook-events/" + logId);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(one.body(), "$.signatureVerdict")).isEqualTo("missing");
    }

    @Test
    void theListFiltersBySourceStatusTypeAndSinceAndPagesWithACursor() {
        Instant since = Instant.now().minusSeconds(1);
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = deliverSigned(TestWebhooks.DOCUSIGN, fresh("t"), fresh("env"));
            mine.add(JsonPath.read(r.body(), "$.id"));
        }
        String query = "?source=docusign&status=accepted&type=envelope-completed&since="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8) + "&limit=2";

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = admin("GET", "/api/v1/admin/webhook-events" + query
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            List<String> sources = JsonPath.read(page.body(), "$.items[*].source");
            assertThat(sources).hasSizeLessThanOrEqualTo(2).containsOnly("docusign");
            assertThat((List<String>) JsonPath.read(page.body(), "$.items[*].status")).containsOnly("accepted");
            seen.addAll(JsonPath.read(page.body(), "$.items[*].id"));
            cursor = JsonPath.read(page.body(), "$.nextCursor");
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void badFiltersAre422NamingEachField() {
        HttpResponse<String> r = admin("GET", "/api/v1/admin/webhook-events?source=paypal&status=odd&since=yesterday&limit=0&cursor=zzz");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat((List<String>) JsonPath.read(r.body(), "$.errors[*].field"))
                .containsExactlyInAnyOrder("source", "status", "since", "limit", "cursor");
    }

    @Test
    void onlyAdminsSeeTheLog() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(url("/api/v1/admin/webhook-events")).GET().build());
        HttpResponse<String> user = send(HttpRequest.newBuilder(url("/api/v1/admin/webhook-events"))
                .header("Authorization", "Bearer " + TestTokens.user("u-1").sign()).GET().build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(url("/api/v1/admin/webhook-events/00000000-0000-0000-0000-000000000000/replay"))
                .header("Authorization", "Bearer " + TestTokens.user("u-1").sign())
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(403);
    }
}
