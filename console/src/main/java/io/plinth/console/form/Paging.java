package io.plinth.console.form;

import java.util.List;

/**
 * Pages of a list an API returns whole (apps): the cursor is the position of the page's first item. Lists the
 * platform pages itself go by the API's own {@code nextCursor}.
 */
public final class Paging {

    public record Slice<T>(List<T> items, String nextCursor) {
    }

    private Paging() {
    }

    public static <T> Slice<T> slice(List<T> all, String cursor, int size) {
        int from = 0;
        if (cursor != null) {
            try {
                from = Math.max(0, Integer.parseInt(cursor));
            } catch (NumberFormatException e) {
                from = 0; // a hand-edited cursor starts over rather than failing
            }
        }
        from = Math.min(from, all.size());
        int to = Math.min(all.size(), from + size);
        return new Slice<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
