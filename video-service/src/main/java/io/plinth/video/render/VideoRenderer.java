package io.plinth.video.render;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a storyboard into a video file. Blocking and CPU-bound: callers run it on their own
 * bounded scheduler, never on an event loop. The title-card renderer is the one in the box; an
 * external AI model replaces it by implementing this interface.
 */
public interface VideoRenderer {

    /** Writes the video into {@code directory} and describes it. */
    RenderedVideo render(RenderRequest request, Path directory, RenderProgress progress) throws IOException;
}
