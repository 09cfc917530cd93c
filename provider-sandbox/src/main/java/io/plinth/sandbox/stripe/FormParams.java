package io.plinth.sandbox.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * Stripe's form encoding read back into a tree: {@code line_items[0][price_data][currency]=usd}
 * becomes {@code {line_items: [{price_data: {currency: "usd"}}]}}. Maps whose keys are all indexes
 * become lists, in index order.
 */
final class FormParams {

    private FormParams() {
    }

    static Map<String, Object> parse(MultiValueMap<String, String> form) {
        Map<String, Object> root = new LinkedHashMap<>();
        form.forEach((key, values) -> {
            List<String> path = segments(key);
            String value = values.isEmpty() ? "" : values.get(values.size() - 1);
            put(root, path, value);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) listify(root);
        return tree;
    }

    static List<String> segments(String key) {
        List<String> path = new ArrayList<>();
        int open = key.indexOf('[');
        if (open < 0) {
            path.add(key);
            return path;
        }
        path.add(key.substring(0, open));
        int i = open;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                break;
            }
            path.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object child = node.get(path.get(i));
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(path.get(i), child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path.get(path.size() - 1), value);
    }

    private static Object listify(Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        boolean indexed = !map.isEmpty() && map.keySet().stream().allMatch(k -> String.valueOf(k).matches("\\d+"));
        if (indexed) {
            List<Object> list = new ArrayList<>();
            map.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(String.valueOf(a.getKey())),
                            Integer.parseInt(String.valueOf(b.getKey()))))
                    .forEach(e -> list.add(listify(e.getValue())));
            return list;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), listify(v)));
        return copy;
    }
}
