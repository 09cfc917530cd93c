package io.plinth.video.render;

/**
 * Told how far a render has come. The job worker uses it to publish progress and to keep its
 * claim on the job alive; throwing from it stops the render (the job was taken away).
 */
@FunctionalInterface
public interface RenderProgress {

    /** @param percent 0–100, rising */
    void rendered(int percent);
}
