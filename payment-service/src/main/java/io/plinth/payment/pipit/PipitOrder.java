package io.plinth.payment.pipit;

import io.plinth.payment.catalog.CatalogPrice;
import java.util.List;

/**
 * A validated request to pay on Pipit's hosted page for {@code lines} (one line for a {@code priceId} request, a
 * basket's lines for {@code items[]}; all in one currency, every price sold through Pipit, no price twice).
 */
public record PipitOrder(String tenantId, String userId, List<Line> lines, String customerEmail, String customerName,
        String successUrl, String cancelUrl, String requestKey) {

    /** {@code quantity} of {@code price}. */
    public record Line(CatalogPrice price, int quantity) {

        long amountMinor() {
            return Math.multiplyExact(price.amountMinor(), quantity);
        }

        long credits() {
            return Math.multiplyExact(price.credits(), quantity);
        }
    }

    public PipitOrder {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        lines = List.copyOf(lines);
    }

    long amountMinor() {
        return lines.stream().mapToLong(Line::amountMinor).reduce(0, Math::addExact);
    }

    long credits() {
        return lines.stream().mapToLong(Line::credits).reduce(0, Math::addExact);
    }

    /** Every entitlement the lines unlock, once each, in line order. */
    List<String> entitlements() {
        return lines.stream().map(line -> line.price().entitlement()).filter(e -> e != null).distinct().toList();
    }

    String currency() {
        return lines.get(0).price().currency();
    }

    String description() {
        return lines.size() == 1 ? lines.get(0).price().name()
                : String.join(", ", lines.stream().map(l -> l.quantity() + " × " + l.price().name()).toList());
    }
}
