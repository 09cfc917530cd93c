package io.plinth.video.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a video shows, scene by scene. Made from the prompt: its sentences are dealt out over the
 * requested number of scenes in order, so every scene has text and the prompt reads through the
 * video. An external model would write a richer storyboard; the renderer only needs this shape.
 */
public record Storyboard(String title, List<Scene> scenes) {

    /** One title card: its position and the words it shows. */
    public record Scene(int number, String text) {
    }

    public Storyboard {
        Objects.requireNonNull(title, "title");
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a storyboard needs at least one scene");
        }
    }

    public static Storyboard fromPrompt(String prompt, int sceneCount) {
        if (sceneCount < 1) {
            throw new IllegalArgumentException("sceneCount must be positive");
        }
        String text = prompt.strip().replaceAll("\\s+", " ");
        List<String> parts = sentences(text);
        // Fewer sentences than scenes: split the longest parts at a word boundary until there are enough.
        while (parts.size() < sceneCount && splitLongest(parts)) {
            // keep splitting
        }
        List<Scene> scenes = new ArrayList<>(sceneCount);
        for (int i = 0; i < sceneCount; i++) {
            int from = i * parts.size() / sceneCount;
            int to = (i + 1) * parts.size() / sceneCount;
            String sceneText = to > from ? String.join(" ", parts.subList(from, to)) : text;
            scenes.add(new Scene(i + 1, sceneText));
        }
        return new Storyboard(title(text), scenes);
    }

    private static List<String> sentences(String text) {
        List<String> parts = new ArrayList<>();
        for (String sentence : text.split("(?<=[.!?。！？])\\s*")) {
            if (!sentence.isBlank()) {
                parts.add(sentence.strip());
            }
        }
        if (parts.isEmpty()) {
            parts.add(text);
        }
        return parts;
    }

    private static boolean splitLongest(List<String> parts) {
        int longest = 0;
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).length() > parts.get(longest).length()) {
                longest = i;
            }
        }
        String part = parts.get(longest);
        int middle = part.length() / 2;
        int cut = part.lastIndexOf(' ', middle);
        if (cut <= 0) {
            cut = part.indexOf(' ', middle);
        }
        if (cut <= 0 || cut >= part.length() - 1) {
            return false;
        }
        parts.set(longest, part.substring(0, cut).strip());
        parts.add(longest + 1, part.substring(cut + 1).strip());
        return true;
    }

    private static String title(String text) {
        String first = sentences(text).get(0);
        return first.length() <= 60 ? first : first.substring(0, 57).strip() + "…";
    }
}
