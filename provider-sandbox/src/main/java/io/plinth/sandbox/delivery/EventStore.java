package io.plinth.sandbox.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The events sent per provider, in memory, newest last; the oldest are dropped past {@code keep}. */
final class EventStore {

    private final int keep;
    private final Map<String, LinkedHashMap<String, StoredEvent>> byProvider = new ConcurrentHashMap<>();

    EventStore(int keep) {
        this.keep = Math.max(1, keep);
    }

    /** Adds a new event; false when the provider already has an event with this id. */
    boolean add(String provider, StoredEvent event) {
        LinkedHashMap<String, StoredEvent> events = events(provider);
        synchronized (events) {
            if (events.containsKey(event.id())) {
                return false;
            }
            events.put(event.id(), event);
            if (events.size() > keep) {
                events.remove(events.keySet().iterator().next());
            }
            return true;
        }
    }

    Optional<StoredEvent> find(String provider, String id) {
        LinkedHashMap<String, StoredEvent> events = events(provider);
        synchronized (events) {
            return Optional.ofNullable(events.get(id));
        }
    }

    /** Newest first. */
    List<StoredEvent> newest(String provider, int limit) {
        return newest(provider, limit, null).orElseThrow();
    }

    /**
     * Newest first, after the event {@code startingAfter} when given (the next page, as Stripe's lists page);
     * empty when that event is not (or no longer) kept.
     */
    Optional<List<StoredEvent>> newest(String provider, int limit, String startingAfter) {
        LinkedHashMap<String, StoredEvent> events = events(provider);
        List<StoredEvent> all;
        synchronized (events) {
            all = new ArrayList<>(events.values());
        }
        Collections.reverse(all);
        int from = 0;
        if (startingAfter != null) {
            from = -1;
            for (int i = 0; i < all.size() && from < 0; i++) {
                if (all.get(i).id().equals(startingAfter)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(all.subList(from, Math.min(from + Math.max(limit, 0), all.size()))));
    }

    private LinkedHashMap<String, StoredEvent> events(String provider) {
        return byProvider.computeIfAbsent(provider, p -> new LinkedHashMap<>());
    }
}
