package io.plinth.platform.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, after one round of sends, which outbox rows may be marked published. Plain Java so the
 * ordering rule is unit-tested on its own.
 *
 * <p>Rule: within one (topic, key), rows count as published only up to the first row that was not
 * acknowledged. A later row of that key that the broker did acknowledge stays unpublished and is sent
 * again after the earlier one — a duplicate the consumer's inbox absorbs — so the relay never records
 * a key's events as delivered out of order.
 */
final class RelayBatch {

    enum Outcome { ACKED, FAILED, NOT_SENT }

    record Row(long id, String topic, String key) {
    }

    record Decision(List<Long> published, List<Long> failed) {
    }

    private RelayBatch() {
    }

    /** @param rows in id order; {@code outcomes.get(i)} belongs to {@code rows.get(i)} */
    static Decision decide(List<Row> rows, List<Outcome> outcomes) {
        if (rows.size() != outcomes.size()) {
            throw new IllegalArgumentException("one outcome per row");
        }
        List<Long> published = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        Set<String> blockedKeys = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String key = row.topic() + '\u0000' + row.key();
            Outcome outcome = outcomes.get(i);
            if (outcome == Outcome.FAILED) {
                failed.add(row.id());
            }
            if (outcome == Outcome.ACKED && !blockedKeys.contains(key)) {
                published.add(row.id());
            } else {
                blockedKeys.add(key);
            }
        }
        return new Decision(published, failed);
    }
}
