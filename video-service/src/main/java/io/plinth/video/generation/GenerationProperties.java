package io.plinth.video.generation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Generation settings ({@code plinth.video.generation.*}, env {@code PLINTH_VIDEO_GENERATION_*}).
 *
 * @param creditsPerVideo   what one generation costs (a free user's 3 starting credits are 3 videos)
 * @param maxPromptLength   characters, after trimming
 * @param holdTtl           how long credit-service keeps the hold; a job not finished by then (less
 *                          {@code leaseDuration}) fails rather than render a video nobody pays for
 * @param workers           render workers in this replica (each renders one job at a time, on one core)
 * @param pollInterval      how often an idle worker looks for work
 * @param leaseDuration     how long a claim lasts without progress; a crashed worker's job is runnable after it
 * @param maxAttempts       attempts before a job fails for good (a crash mid-render counts as one)
 * @param retryBackoff      wait before the second attempt, doubled for each further one
 * @param workDirectory     where renders are written before upload; null for the system temp directory
 */
@Validated
@ConfigurationProperties("plinth.video.generation")
record GenerationProperties(
        @Min(1) long creditsPerVideo,
        @Min(1) @Max(100_000) int maxPromptLength,
        @NotNull Duration holdTtl,
        @Min(0) @Max(64) int workers,
        @NotNull Duration pollInterval,
        @NotNull Duration leaseDuration,
        @Min(1) int maxAttempts,
        @NotNull Duration retryBackoff,
        Path workDirectory,
        @NotNull Renderer renderer) {

    /** The built-in title-card renderer: frames per second, seconds per scene, motion search range. */
    record Renderer(@Min(1) @Max(60) int framesPerSecond, @Min(1) @Max(30) int secondsPerScene,
            @Min(0) @Max(64) int motionSearchRange) {
    }
}
