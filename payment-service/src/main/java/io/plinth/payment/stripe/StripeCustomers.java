package io.plinth.payment.stripe;

import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * One Stripe customer per user. The create carries an idempotency key derived from the user, so two
 * concurrent first checkouts get the same customer back from Stripe, and the row settles the rest.
 */
final class StripeCustomers {

    private final DatabaseClient db;
    private final StripeCalls stripe;
    private final Clock clock;

    StripeCustomers(DatabaseClient db, StripeCalls stripe, Clock clock) {
        this.db = db;
        this.stripe = stripe;
        this.clock = clock;
    }

    Mono<String> forUser(String tenantId, String userId) {
        return find(tenantId, userId).switchIfEmpty(Mono.defer(() -> create(tenantId, userId)));
    }

    private Mono<String> find(String tenantId, String userId) {
        return db.sql("SELECT customer_id FROM stripe_customers WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .map(row -> row.get("customer_id", String.class))
                .one();
    }

    private Mono<String> create(String tenantId, String userId) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .putMetadata("tenantId", tenantId)
                .putMetadata("userId", userId)
                .build();
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey("plinth-customer-" + tenantId + "-" + userId)
                .build();
        return stripe.idempotent("create customer", client -> client.v1().customers().create(params, options))
                .map(Customer::getId)
                .flatMap(customerId -> db.sql("""
                                INSERT INTO stripe_customers (tenant_id, user_id, customer_id, created_at)
                                VALUES (:tenant, :user, :customer, :now) ON CONFLICT (tenant_id, user_id) DO NOTHING""")
                        .bind("tenant", tenantId)
                        .bind("user", userId)
                        .bind("customer", customerId)
                        .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .fetch().rowsUpdated()
                        .then(find(tenantId, userId)));
    }
}
