package io.plinth.video.generation;

import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.CurrentUser;
import io.plinth.video.credit.CreditRefused;
import io.plinth.video.credit.CreditsUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/videos/generations")
class GenerationController {

    private final GenerationService generations;
    private final GenerationRules rules;

    GenerationController(GenerationService generations, GenerationRules rules) {
        this.generations = generations;
        this.rules = rules;
    }

    @Idempotent
    @PostMapping
    Mono<ResponseEntity<JobResponse>> generate(CurrentUser user, @RequestHeader("Idempotency-Key") String key,
            @RequestBody GenerationRequest body) {
        List<FieldViolation> errors = rules.check(body.prompt(), body.lang(), body.scenes(), body.vertical(),
                body.outputFormat());
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        return generations.submit(user, key, new GenerationService.NewGeneration(body.prompt(), body.lang(),
                        body.scenes(), body.vertical(), body.outputFormat()))
                .map(job -> ResponseEntity.status(HttpStatus.ACCEPTED).body(JobResponse.of(job)))
                .onErrorMap(CreditRefused.class, GenerationController::refused)
                .onErrorMap(CreditsUnavailable.class, e -> ApiException.serviceUnavailable("credits_unavailable",
                        "Credits cannot be reserved right now; nothing was charged or queued. Retry later.",
                        Duration.ofSeconds(5)));
    }

    @GetMapping("/{jobId}")
    Mono<JobResponse> job(CurrentUser user, @PathVariable("jobId") String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("No generation job " + jobId + "."));
        }
        return generations.find(user, id).map(JobResponse::of);
    }

    /**
     * Credit-service's refusal as the client's answer: 402 and 429 keep their code and Retry-After.
     * Any other refusal is about how this service asked, not about the client: a 503.
     */
    private static ApiException refused(CreditRefused e) {
        if (e.status() != 402 && e.status() != 429) {
            return ApiException.serviceUnavailable("credits_unavailable",
                    "Credits cannot be reserved right now; nothing was charged or queued.", Duration.ofSeconds(30));
        }
        ApiException mapped = new ApiException(HttpStatusCode.valueOf(e.status()), e.code(), e.getMessage());
        return e.retryAfter() == null ? mapped : mapped.withRetryAfter(e.retryAfter());
    }

    /** Every field is optional to the JSON reader so that {@link GenerationRules} can name each missing one. */
    record GenerationRequest(String prompt, String lang, Integer scenes, Boolean vertical, String outputFormat) {
    }

    record JobResponse(String jobId, String status, int progress, String videoId, int scenes, boolean vertical,
            String error, Instant createdAt, Instant finishedAt) {

        static JobResponse of(GenerationJob job) {
            return new JobResponse(job.id().toString(), job.state().wireName(), job.progress(),
                    job.videoId() == null ? null : job.videoId().toString(), job.scenes(), job.vertical(),
                    job.state() == JobState.FAILED ? job.lastError() : null, job.createdAt(), job.finishedAt());
        }
    }
}
