package io.plinth.payment.mpesa;

import io.plinth.payment.payments.Payment;
import io.plinth.payment.payments.Payments;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pushes nobody answered: after the timeout each pending M-Pesa payment gets one last status query — a
 * callback may have been lost — and fails as {@code timeout} if Daraja still has no answer.
 */
public final class MpesaTimeouts {

    private static final Logger log = LoggerFactory.getLogger(MpesaTimeouts.class);
    private static final int BATCH = 50;

    private final Payments payments;
    private final MpesaPayments mpesa;
    private final MpesaProperties properties;
    private final TransactionalOperator tx;
    private final Clock clock;

    MpesaTimeouts(Payments payments, MpesaPayments mpesa, MpesaProperties properties, TransactionalOperator tx,
            Clock clock) {
        this.payments = payments;
        this.mpesa = mpesa;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${plinth.payments.mpesa.sweep-interval:15s}",
            initialDelayString = "${plinth.payments.mpesa.sweep-interval:15s}")
    void sweep() {
        sweepOnce().subscribe(n -> { }, e -> log.warn("M-Pesa timeout sweep failed; next round retries: {}", e.toString()));
    }

    /** @return how many pending payments were settled or failed */
    Mono<Long> sweepOnce() {
        return payments.pendingBefore(DarajaClient.PROVIDER, clock.instant().minus(properties.timeout()), BATCH)
                .concatMap(this::settle)
                .count();
    }

    private Flux<Payment> settle(Payment payment) {
        String evidence = "M-Pesa timeout after " + properties.timeout().toSeconds() + " s";
        Mono<Void> work = payment.providerRef() == null
                ? payments.fail(payment.id(), "push_not_sent", evidence)
                : mpesa.confirm(payment, null, null, evidence)
                        .then(payments.byId(payment.id()))
                        .flatMap(now -> now.status() == io.plinth.payment.payments.PaymentStatus.PENDING
                                ? payments.fail(payment.id(), "timeout", evidence) : Mono.empty());
        return tx.transactional(work).thenReturn(payment).flux()
                .onErrorResume(e -> {
                    log.warn("Could not settle M-Pesa payment {} yet: {}", payment.id(), e.toString());
                    return Flux.empty();
                });
    }
}
