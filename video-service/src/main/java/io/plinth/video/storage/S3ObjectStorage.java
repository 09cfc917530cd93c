package io.plinth.video.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ObjectStorage} through the AWS SDK for Java v2 (sync client, on a bounded scheduler). */
final class S3ObjectStorage implements ObjectStorage {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStorage.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Scheduler io;

    S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket, Scheduler io) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.io = io;
    }

    /**
     * For the devstack and tests: a fresh object store has no bucket yet. An unreachable store is
     * logged, not fatal: the service starts, and uploads fail (and jobs retry) until it is there.
     */
    void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception missing) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                log.info("Created bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                log.debug("Bucket {} was created by another replica", bucket);
            }
        } catch (SdkClientException unreachable) {
            log.warn("Object storage is not reachable, bucket {} not checked: {}", bucket, unreachable.getMessage());
        }
    }

    @Override
    public Mono<Void> put(String key, Path file, String contentType) {
        return Mono.fromRunnable(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                        RequestBody.fromFile(file)))
                .subscribeOn(io).then();
    }

    @Override
    public Mono<URI> presignedGet(String key, Duration ttl) {
        return Mono.fromCallable(() -> presigner.presignGetObject(p -> p.signatureDuration(ttl)
                        .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI())
                .subscribeOn(io);
    }

    @Override
    public Mono<Long> size(String key) {
        return Mono.fromCallable(() -> {
            try {
                return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
            } catch (NoSuchKeyException e) {
                return null;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return null;
                }
                throw e;
            }
        }).subscribeOn(io);
    }
}
