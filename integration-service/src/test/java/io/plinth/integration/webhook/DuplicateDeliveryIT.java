package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.TestWebhooks;
import io.plinth.integration.support.WebhookTopic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** At-least-once delivery in, effectively once out: duplicates, concurrent or not, publish nothing more. */
class DuplicateDeliveryIT extends IngressTestBase {

    @Test
    void tenConcurrentDeliveriesOfOneEventPublishOneWebhookReceived() throws Exception {
        TestWebhooks w = TestWebhooks.STRIPE;
        String eventId = fresh("evt");
        String objectId = fresh("pi");

        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<HttpResponse<String>>> deliveries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                deliveries.add(() -> deliverSigned(w, eventId, objectId));
            }
            for (Future<HttpResponse<String>> f : pool.invokeAll(deliveries)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses).extracting(r -> (Boolean) JsonPath.read(r.body(), "$.duplicate"))
                .containsOnlyOnce(false).filteredOn(d -> d).hasSize(9);
        assertThat(responses).extracting(r -> (String) JsonPath.read(r.body(), "$.id")).containsOnly(
                (String) JsonPath.read(responses.get(0).body(), "$.id"));
        assertThat(count("select attempts from webhook_events where source = 'stripe' and provider_event_id = ?", eventId))
                .isEqualTo(10);
        assertThat(outboxed("stripe", eventId)).isEqualTo(1);

        // A later event of the same object travels the same key, in order: once it is on the topic, anything the
        // duplicates might have published would be there before it.
        String marker = fresh("evt");
        assertThat(deliverSigned(w, marker, objectId).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !WebhookTopic.about("stripe", marker).isEmpty());
        assertThat(WebhookTopic.about("stripe", eventId)).hasSize(1);
    }

    @Test
    void aDuplicateOfAnotherProvidersEventIdIsNotADuplicate() {
        String shared = fresh("evt");

        assertThat(deliverSigned(TestWebhooks.PIPIT, shared, fresh("pay")).body()).contains("\"duplicate\":false");
        assertThat(deliverSigned(TestWebhooks.CAPCUT, shared, fresh("exp")).body()).contains("\"duplicate\":false");
        assertThat(deliverSigned(TestWebhooks.CAPCUT, shared, fresh("exp")).body()).contains("\"duplicate\":true");
    }
}
