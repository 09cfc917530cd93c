# syntax=docker/dockerfile:1.7
# One recipe for every deployable, chosen by MODULE:
#   docker build --build-arg MODULE=credit-service --build-arg HEALTH_PORT=8082 -t plinth/credit-service .
# Stage 1 builds the module and the libraries it needs with the Maven wrapper; stage 2 runs its
# Spring Boot layers (dependencies change rarely, the application often, so a rebuild ships one
# small layer) on a pinned JRE as an unprivileged user. Pin the base images by digest in your
# release pipeline (docs/deploy.md).
ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-noble

FROM ${JDK_IMAGE} AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" \
 && ./mvnw -B -ntp -pl "${MODULE}" -am package -DskipTests \
 && java -Djarmode=tools -jar "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar" extract --layers --launcher --destination /layers

FROM ${JRE_IMAGE}
ARG HEALTH_PORT=8080
# curl for the health check; fontconfig and one font family for video-service's renderer, which draws its
# title cards with AWT (headless: no display, but text needs a font; without one Java 2D fails at the first
# drawString). In every image rather than video-service's alone: a few MB, and one identical layer that all seven
# images share (a per-module package list would make this layer differ per image and the recipe branch on MODULE).
# The user matches the pods' runAsUser (k8s/components/hardening).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 plinth \
 && useradd --system --uid 10001 --gid plinth --home-dir /app --no-create-home plinth
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
# Heap from the container's memory limit, leaving room for metaspace, threads and Netty's buffers;
# die on OutOfMemoryError so the orchestrator restarts a clean JVM. Temporary files go to /tmp,
# the one writable place when the root filesystem is read-only. AWT headless: no display in a container
# (Spring Boot sets it too; here it holds for anything that touches AWT before the application starts).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Djava.awt.headless=true" \
    PLINTH_HEALTH_URL="http://localhost:${HEALTH_PORT}/actuator/health/liveness"
EXPOSE ${HEALTH_PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "${PLINTH_HEALTH_URL}" > /dev/null || exit 1
# Exec form: java is PID 1 and gets SIGTERM itself, so graceful shutdown (server.shutdown=graceful)
# finishes the requests in flight.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
