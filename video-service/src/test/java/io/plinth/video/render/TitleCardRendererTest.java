package io.plinth.video.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TitleCardRendererTest {

    private final TitleCardRenderer renderer = new TitleCardRenderer(4, 1, 2);

    @TempDir
    Path directory;

    @Test
    void aVerticalVideoDecodesBackAt720x1280WithOneTitleCardPerScene() throws Exception {
        Storyboard storyboard = Storyboard.fromPrompt("A fox wakes up. It looks for food. It finds a friend.", 3);
        List<Integer> progress = new ArrayList<>();

        RenderedVideo video = renderer.render(RenderRequest.of(storyboard, "en", true), directory, progress::add);

        Mp4Probe probe = Mp4Probe.read(video.file());
        assertThat(probe.width()).isEqualTo(720);
        assertThat(probe.height()).isEqualTo(1280);
        assertThat(probe.frames()).isEqualTo(3 * renderer.framesPerScene()).isEqualTo(video.frames());
        assertThat(probe.sceneColors()).hasSize(3);
        assertThat(probe.framesPerScene()).containsOnly(renderer.framesPerScene());
        for (int scene = 1; scene <= 3; scene++) {
            assertThat(Mp4Probe.distanceTo(probe.sceneColors().get(scene - 1), TitleCardRenderer.sceneColor(scene)))
                    .as("scene %d background %s vs %s", scene, probe.sceneColors().get(scene - 1), TitleCardRenderer.sceneColor(scene)).isLessThan(24);
        }
        assertThat(video.sizeBytes()).isEqualTo(Files.size(video.file()));
        assertThat(video.durationMillis()).isEqualTo(3000);
        assertThat(progress).isSorted().endsWith(100);
        assertThat(progress.size()).isGreaterThan(3);
    }

    @Test
    void aLandscapeVideoIs1280x720() throws Exception {
        RenderedVideo video = renderer.render(
                RenderRequest.of(Storyboard.fromPrompt("One single scene about the sea", 1), "en", false),
                directory, percent -> { });

        Mp4Probe probe = Mp4Probe.read(video.file());
        assertThat(probe.width()).isEqualTo(1280);
        assertThat(probe.height()).isEqualTo(720);
        assertThat(probe.sceneColors()).hasSize(1);
    }

    @Test
    void aProgressListenerThatThrowsStopsTheRenderAndLeavesNoFile() throws Exception {
        RenderRequest request = RenderRequest.of(Storyboard.fromPrompt("Stop me. Please. Now.", 3), "en", false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render(request, directory, percent -> {
            if (percent >= 30) {
                throw new IllegalStateException("job taken away");
            }
        })).hasMessage("job taken away");
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }
}
