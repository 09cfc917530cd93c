package io.plinth.bench;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * credit-service's {@code plinth.credits.spend.batch.size} summary so far (its group commit: spends
 * per {@code spend_batch} call), read from {@code /actuator/prometheus}; zeros when it cannot be read
 * (an older jar, or a BENCH_TARGET_URL without the metric).
 */
record SpendBatches(double count, double sum) {

    static SpendBatches read(HttpClient service) {
        String text = service == null ? null : service.get().uri("/actuator/prometheus")
                .responseContent().aggregate().asString().onErrorResume(e -> Mono.empty())
                .block(Duration.ofSeconds(10));
        double count = 0;
        double sum = 0;
        if (text != null) {
            for (String line : text.split("\n")) {
                if (line.startsWith("plinth_credits_spend_batch_size_count")) {
                    count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("plinth_credits_spend_batch_size_sum")) {
                    sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return new SpendBatches(count, sum);
    }

    /** Mean spends per call since {@code earlier}; 0 when there was no call. */
    double meanSince(SpendBatches earlier) {
        double calls = count - earlier.count;
        return calls <= 0 ? 0 : (sum - earlier.sum) / calls;
    }
}
