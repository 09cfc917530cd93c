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
        LinkedHashMap<String, StoredEvent> events = events(provider);
        List<StoredEvent> all;
        synchronized (events) {
            all = new ArrayList<>(events.values());
        }
        Collections.reverse(all);
        return all.subList(0, Math.min(Math.max(limit, 0), all.size()));
    }

    private LinkedHashMap<String, StoredEvent> events(String provider) {
        return byProvider.computeIfAbsent(provider, p -> new LinkedHashMap<>());
    }
}
