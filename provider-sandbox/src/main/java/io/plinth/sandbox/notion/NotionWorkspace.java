package io.plinth.sandbox.notion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's Notion workspace, in memory: databases, their pages, and every API request that reached it (when,
 * with which integration token), so a rate check can see how fast a client really called. Databases named in
 * {@code plinth.sandbox.notion.databases} ({@code id:title,…}) exist from the start (the devstack's two); more are
 * made with {@code POST /_sandbox/notion/databases}.
 */
@Component
class NotionWorkspace {

    record Database(String id, String title, Instant createdTime) {
    }

    record Page(String id, String databaseId, ObjectNode properties, Instant createdTime, Instant lastEditedTime) {
    }

    record Request(long atMillis, String token, String method, String path, int status) {
    }

    private static final int KEEP_REQUESTS = 100_000;

    private final Map<String, Database> databases = new ConcurrentHashMap<>();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    NotionWorkspace(@Value("${plinth.sandbox.notion.databases:}") String databases) {
        Arrays.stream(databases.split(",")).map(String::trim).filter(d -> !d.isEmpty()).forEach(d -> {
            int colon = d.indexOf(':');
            String id = NotionIds.dashed(colon < 0 ? d : d.substring(0, colon)).orElseThrow(
                    () -> new IllegalArgumentException("plinth.sandbox.notion.databases: not a Notion id: " + d));
            this.databases.put(id, new Database(id, colon < 0 ? "Database" : d.substring(colon + 1), Instant.now()));
        });
    }

    Database createDatabase(String title) {
        Database database = new Database(UUID.randomUUID().toString(), title, Instant.now());
        databases.put(database.id(), database);
        return database;
    }

    Optional<Database> database(String id) {
        return NotionIds.dashed(id).map(databases::get);
    }

    Page createPage(String databaseId, ObjectNode properties) {
        Instant now = Instant.now();
        Page page = new Page(UUID.randomUUID().toString(), databaseId, properties, now, now);
        pages.put(page.id(), page);
        return page;
    }

    Optional<Page> page(String id) {
        return NotionIds.dashed(id).map(pages::get);
    }

    /** Sets the given properties, keeping the others, as Notion's page update does. */
    Optional<Page> updatePage(String id, ObjectNode properties) {
        return NotionIds.dashed(id).map(key -> pages.computeIfPresent(key, (k, page) -> {
            ObjectNode merged = page.properties().deepCopy();
            properties.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            return new Page(page.id(), page.databaseId(), merged, page.createdTime(), Instant.now());
        }));
    }

    List<Page> pages(String databaseId) {
        List<Page> found = new ArrayList<>();
        for (Page page : pages.values()) {
            if (databaseId == null || page.databaseId().equals(databaseId)) {
                found.add(page);
            }
        }
        found.sort((a, b) -> b.createdTime().compareTo(a.createdTime()));
        return found;
    }

    void record(Request request) {
        requests.add(request);
        while (requests.size() > KEEP_REQUESTS) {
            requests.poll();
        }
    }

    List<Request> requests(String token, long sinceMillis) {
        List<Request> found = new ArrayList<>();
        for (Request r : requests) {
            if (r.atMillis() >= sinceMillis && (token == null || token.equals(r.token()))) {
                found.add(r);
            }
        }
        return found;
    }

    /** The most requests that arrived within any one second (a sliding window over the arrival times). */
    static int maxInAnySecond(List<Request> requests) {
        long[] at = requests.stream().mapToLong(Request::atMillis).sorted().toArray();
        int max = 0;
        int from = 0;
        for (int to = 0; to < at.length; to++) {
            while (at[to] - at[from] >= 1000) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
