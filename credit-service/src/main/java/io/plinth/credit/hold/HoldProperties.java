package io.plinth.credit.hold;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The holds' part of {@code plinth.credits.*}.
 *
 * @param holdTtl how long a hold lives unless the request asks otherwise
 * @param maxHoldTtl the longest a client may ask for
 * @param sweepInterval how often each replica looks for expired holds
 */
@Validated
@ConfigurationProperties("plinth.credits")
public record HoldProperties(@NotNull Duration holdTtl, @NotNull Duration maxHoldTtl, @NotNull Duration sweepInterval) {

    public HoldProperties {
        holdTtl = holdTtl == null ? Duration.ofMinutes(15) : holdTtl;
        maxHoldTtl = maxHoldTtl == null ? Duration.ofHours(24) : maxHoldTtl;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(30) : sweepInterval;
    }
}
