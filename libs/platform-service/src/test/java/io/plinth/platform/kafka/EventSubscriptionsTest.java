package io.plinth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.events.Topics;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.video.VideoGenerationFailed;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class EventSubscriptionsTest {

    @Test
    void topicsComeFromTheCatalogOfTheHandledTypes() {
        EventSubscriptions subscriptions = EventSubscriptions.builder()
                .on(PaymentSucceeded.class, (event, data) -> Mono.empty())
                .on(PaymentRefunded.class, (event, data) -> Mono.empty())
                .on(VideoGenerationFailed.class, (event, data) -> Mono.empty())
                .build();

        assertThat(subscriptions.topics()).containsExactly(Topics.PAYMENTS, Topics.VIDEOS);
        assertThat(subscriptions.types())
                .containsExactly("payment.succeeded", "payment.refunded", "video.generation-failed");
        assertThat(subscriptions.registration("payment.refunded")).isPresent();
        assertThat(subscriptions.registration("payment.failed")).isEmpty();
        assertThat(subscriptions.consumer()).isEmpty();
    }

    @Test
    void aSecondHandlerForTheSameTypeIsRefused() {
        EventSubscriptions.Builder builder = EventSubscriptions.builder()
                .on(PaymentSucceeded.class, (event, data) -> Mono.empty());

        assertThatThrownBy(() -> builder.on(PaymentSucceeded.class, (event, data) -> Mono.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment.succeeded");
    }

    @Test
    void anEmptySubscriptionOrBlankConsumerIsRefused() {
        assertThatThrownBy(() -> EventSubscriptions.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventSubscriptions.builder().consumer(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
