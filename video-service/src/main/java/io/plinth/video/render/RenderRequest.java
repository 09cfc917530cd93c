package io.plinth.video.render;

import java.util.Objects;

/** What to render: the storyboard, the frame size and the language the text is in. */
public record RenderRequest(Storyboard storyboard, String lang, int width, int height) {

    public RenderRequest {
        Objects.requireNonNull(storyboard, "storyboard");
        Objects.requireNonNull(lang, "lang");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive");
        }
    }

    /** 720×1280 for a vertical (phone) video, 1280×720 otherwise. */
    public static RenderRequest of(Storyboard storyboard, String lang, boolean vertical) {
        return vertical ? new RenderRequest(storyboard, lang, 720, 1280) : new RenderRequest(storyboard, lang, 1280, 720);
    }
}
