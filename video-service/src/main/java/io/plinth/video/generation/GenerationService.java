package io.plinth.video.generation;

import io.plinth.video.refusal.VideoException;
import io.plinth.platform.security.CurrentUser;
import io.plinth.video.credit.CreditHolds;
import io.plinth.video.credit.CreditHolds.HoldRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Accepting a generation: the credit hold first (credit-service checks balance and the tier's
 * daily limit in the same step), then the queued job. The job id is derived from the caller and
 * their Idempotency-Key, and so is the hold's key, so a retried request finds the same hold and the
 * same job whatever failed in between. When the job cannot be written the hold is given back.
 */
@Service
class GenerationService {

    private static final Logger log = LoggerFactory.getLogger(GenerationService.class);

    /** The metered service credit-service counts daily generations under. */
    static final String CREDIT_SERVICE_NAME = "video-generation";

    private final CreditHolds credits;
    private final JobStore jobs;
    private final GenerationProperties properties;
    private final Clock clock;

    GenerationService(CreditHolds credits, JobStore jobs, GenerationProperties properties, Clock clock) {
        this.credits = credits;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    record NewGeneration(String prompt, String lang, int scenes, boolean vertical, String outputFormat) {
    }

    Mono<GenerationJob> submit(CurrentUser user, String idempotencyKey, NewGeneration request) {
        UUID jobId = jobId(user, idempotencyKey);
        String holdKey = "video-generation:" + jobId;
        return jobs.find(jobId)
                .switchIfEmpty(Mono.defer(() -> credits.place(user, holdKey, new HoldRequest(properties.creditsPerVideo(),
                                CREDIT_SERVICE_NAME, "generation:" + jobId, "video generation",
                                properties.holdTtl().toSeconds()))
                        .flatMap(hold -> {
                            Instant now = clock.instant();
                            return jobs.insertOrFind(new GenerationJob(jobId, user.tenantId(), user.userId(),
                                    request.prompt().strip(), request.lang(), request.scenes(), request.vertical(),
                                    request.outputFormat(), properties.creditsPerVideo(), hold.holdId(),
                                    JobState.QUEUED, 0, 0, null, null, null, null, now, null), now)
                                .onErrorResume(e -> giveBack(user, holdKey, hold.holdId(), e));
                        })))
                .flatMap(job -> job.userId().equals(user.userId()) && job.tenantId().equals(user.tenantId())
                        ? Mono.just(job)
                        : Mono.error(new IllegalStateException("job id collision for " + jobId)));
    }

    /** The caller's own job, or 404 (whoever owns it). */
    Mono<GenerationJob> find(CurrentUser user, UUID jobId) {
        return jobs.find(jobId)
                .filter(job -> job.tenantId().equals(user.tenantId()) && job.userId().equals(user.userId()))
                .switchIfEmpty(Mono.error(() -> VideoException.notFound("No generation job " + jobId + ".")));
    }

    private Mono<GenerationJob> giveBack(CurrentUser user, String holdKey, String holdId, Throwable cause) {
        log.warn("Could not queue generation job for hold {}; releasing it: {}", holdId, cause.toString());
        return credits.release(user, holdKey, holdId)
                .onErrorResume(e -> {
                    log.warn("Could not release hold {} either; it expires on its own: {}", holdId, e.toString());
                    return Mono.empty();
                })
                .then(Mono.error(cause));
    }

    /** The same caller and key always name the same job; different callers never collide. */
    static UUID jobId(CurrentUser user, String idempotencyKey) {
        String name = "generation\n" + user.tenantId() + "\n" + user.userId() + "\n" + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
