package io.plinth.credit.hold;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Runs on every replica; {@link HoldService#expireDue()} makes concurrent sweeps safe. */
@Component
class HoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

    private final HoldService holds;

    HoldSweeper(HoldService holds) {
        this.holds = holds;
    }

    @Scheduled(fixedDelayString = "${plinth.credits.sweep-interval:PT30S}",
            initialDelayString = "${plinth.credits.sweep-interval:PT30S}")
    Mono<Integer> sweep() {
        return holds.expireDue().onErrorResume(e -> {
            log.warn("Hold sweep failed, will retry on the next tick: {}", e.toString());
            return Mono.empty();
        });
    }
}
