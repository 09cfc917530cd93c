package io.plinth.video.generation;

import io.plinth.events.EventFactory;
import io.plinth.events.video.VideoGenerationCompleted;
import io.plinth.events.video.VideoGenerationFailed;
import io.plinth.platform.outbox.Outbox;
import io.plinth.video.library.Video;
import io.plinth.video.library.Videos;
import io.plinth.video.render.RenderRequest;
import io.plinth.video.render.RenderedVideo;
import io.plinth.video.render.Storyboard;
import io.plinth.video.render.VideoRenderer;
import io.plinth.video.storage.ObjectStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Runs one claimed job to its end: render (on the render scheduler, reporting progress and
 * renewing the claim), upload, then in one transaction the video record, the job's completion and
 * {@code video.generation-completed}. A failed attempt goes back to the queue with back-off, or
 * fails the job for good with {@code video.generation-failed} (credit-service releases the hold).
 * Every write is guarded by this worker still holding the claim: a worker that lost its job (its
 * lease ran out and another worker took it) stops and writes nothing.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final Videos videos;
    private final ObjectStorage storage;
    private final VideoRenderer renderer;
    private final Outbox outbox;
    private final EventFactory events;
    private final TransactionalOperator tx;
    private final GenerationProperties properties;
    private final Clock clock;
    private final Scheduler renderScheduler;
    private final Path workDirectory;

    JobRunner(JobStore jobs, Videos videos, ObjectStorage storage, VideoRenderer renderer, Outbox outbox,
            EventFactory events, TransactionalOperator tx, GenerationProperties properties, Clock clock,
            Scheduler renderScheduler) {
        this.jobs = jobs;
        this.videos = videos;
        this.storage = storage;
        this.renderer = renderer;
        this.outbox = outbox;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.renderScheduler = renderScheduler;
        this.workDirectory = properties.workDirectory() != null ? properties.workDirectory()
                : Path.of(System.getProperty("java.io.tmpdir"), "plinth-video");
    }

    /** Claims one runnable job and runs it; empty when there was nothing to do. */
    Mono<GenerationJob> runNext(String worker) {
        return jobs.claim(worker, clock.instant(), properties.leaseDuration())
                .flatMap(job -> run(worker, job).thenReturn(job));
    }

    private Mono<Void> run(String worker, GenerationJob job) {
        // Too late to be paid for: credit-service would no longer capture the hold.
        if (clock.instant().isAfter(job.createdAt().plus(properties.holdTtl()).minus(properties.leaseDuration()))) {
            return failForGood(worker, job, "the job waited longer than its credit hold lasts");
        }
        log.info("Rendering job {} (attempt {}, {} scenes) on {}", job.id(), job.attempts(), job.scenes(), worker);
        AtomicBoolean lost = new AtomicBoolean();
        Sinks.Many<Integer> progress = Sinks.many().replay().latest();
        Disposable reporter = progress.asFlux()
                .sample(Duration.ofMillis(250))
                // sample() emits on its clock, not on demand: while a slow database write is in flight, keep only the
                // newest percentage instead of failing the reporter (which would stop renewing the lease mid-render).
                .onBackpressureLatest()
                .concatMap(percent -> jobs.progress(job.id(), worker, percent, clock.instant(), properties.leaseDuration()))
                .subscribe(held -> {
                    if (!held) {
                        lost.set(true);
                    }
                }, e -> log.warn("Could not record progress of job {}: {}", job.id(), e.toString()));
        Storyboard storyboard = Storyboard.fromPrompt(job.prompt(), job.scenes());
        return Mono.fromCallable(() -> renderer.render(RenderRequest.of(storyboard, job.lang(), job.vertical()),
                        workDirectory, percent -> {
                            if (lost.get()) {
                                throw new LostClaim();
                            }
                            progress.tryEmitNext(percent);
                        }))
                .subscribeOn(renderScheduler)
                .doFinally(signal -> reporter.dispose())
                .flatMap(rendered -> store(worker, job, storyboard, rendered)
                        .doFinally(signal -> deleteQuietly(rendered.file())))
                .onErrorResume(LostClaim.class, e -> {
                    log.warn("Job {} was taken over by another worker; {} stops", job.id(), worker);
                    return Mono.empty();
                })
                .onErrorResume(e -> !(e instanceof LostClaim), e -> attemptFailed(worker, job, e));
    }

    private Mono<Void> store(String worker, GenerationJob job, Storyboard storyboard, RenderedVideo rendered) {
        UUID videoId = UUID.nameUUIDFromBytes(("video-of-job\n" + job.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String key = Video.storageKeyFor(videoId);
        Video video = new Video(videoId, job.tenantId(), job.userId(), Video.SOURCE_GENERATION, job.id(),
                storyboard.title(), key, rendered.contentType(), rendered.sizeBytes(), rendered.width(),
                rendered.height(), rendered.durationMillis(), job.scenes(), job.lang(), false, null, clock.instant());
        return storage.put(key, rendered.file(), rendered.contentType())
                .then(tx.transactional(jobs.complete(job.id(), worker, videoId, clock.instant())
                        .flatMap(held -> held
                                ? videos.record(video)
                                        .then(outbox.append(events.create(job.userId(), job.tenantId(),
                                                new VideoGenerationCompleted(job.id().toString(), job.userId(),
                                                        videoId.toString(), job.holdId()))))
                                : Mono.error(new LostClaim()))))
                .doOnSuccess(done -> log.info("Job {} completed: video {} ({} bytes)", job.id(), videoId,
                        rendered.sizeBytes()));
    }

    private Mono<Void> attemptFailed(String worker, GenerationJob job, Throwable error) {
        String reason = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        if (job.attempts() >= properties.maxAttempts()) {
            log.error("Job {} failed on attempt {} of {}, giving up: {}", job.id(), job.attempts(),
                    properties.maxAttempts(), reason, error);
            return failForGood(worker, job, reason);
        }
        Duration backoff = properties.retryBackoff().multipliedBy(1L << Math.min(job.attempts() - 1, 10));
        log.warn("Job {} failed on attempt {} of {}, retrying in {}: {}", job.id(), job.attempts(),
                properties.maxAttempts(), backoff, reason);
        return jobs.retryLater(job.id(), worker, truncate(reason), clock.instant().plus(backoff), clock.instant()).then();
    }

    private Mono<Void> failForGood(String worker, GenerationJob job, String reason) {
        return tx.transactional(jobs.fail(job.id(), worker, truncate(reason), clock.instant())
                .flatMap(held -> held
                        ? outbox.append(events.create(job.userId(), job.tenantId(),
                                new VideoGenerationFailed(job.id().toString(), job.userId(), job.holdId(), "render_failed")))
                        : Mono.empty()));
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    /** This worker no longer holds the job it was working on. */
    static final class LostClaim extends RuntimeException {
        LostClaim() {
            super("the job's claim was lost", null, false, false);
        }
    }
}
