# One image recipe for every deployable: build the jars first (./mvnw -B package -DskipTests),
# then e.g. `docker build --build-arg MODULE=credit-service -t plinth/credit-service .`
FROM eclipse-temurin:17-jre
ARG MODULE
# curl for the container health checks in docker-compose.yml
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system plinth && useradd --system --gid plinth --home /app plinth
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar /app/app.jar
USER plinth
# Container-aware heap: 60% of the limit leaves room for metaspace, threads and Netty buffers.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
