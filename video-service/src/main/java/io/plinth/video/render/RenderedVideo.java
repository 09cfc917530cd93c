package io.plinth.video.render;

import java.nio.file.Path;

/** A finished MP4 on local disk, ready to upload. */
public record RenderedVideo(Path file, String contentType, int width, int height, int frames, long durationMillis,
        long sizeBytes) {
}
