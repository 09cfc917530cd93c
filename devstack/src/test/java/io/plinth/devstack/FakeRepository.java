package io.plinth.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A repository layout with (empty) built jars, enough for the topology to resolve. */
final class FakeRepository {

    private FakeRepository() {
    }

    static Path withAllJars(Path root) throws IOException {
        Files.createDirectories(root.resolve("devstack/target/classes"));
        Files.writeString(root.resolve("devstack/target/runtime-classpath.txt"), "");
        Files.createDirectories(root.resolve("devstack/target/s3proxy"));
        Files.createFile(root.resolve("devstack/target/s3proxy/s3proxy.jar"));
        for (String name : Components.ALL) {
            if (!name.equals(Components.POSTGRES) && !name.equals(Components.KAFKA) && !name.equals(Components.S3)) {
                Path target = Files.createDirectories(root.resolve(name).resolve("target"));
                Files.createFile(target.resolve(name + "-0.1.0-SNAPSHOT.jar"));
            }
        }
        return root;
    }
}
