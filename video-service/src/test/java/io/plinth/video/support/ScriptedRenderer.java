package io.plinth.video.support;

import io.plinth.video.render.RenderRequest;
import io.plinth.video.render.RenderedVideo;
import io.plinth.video.render.TitleCardRenderer;
import io.plinth.video.render.VideoRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real title-card renderer (at a low frame rate, so tests are quick), counting how often each
 * storyboard is rendered and failing on purpose for prompts that ask for it: a title starting with
 * {@value #ALWAYS_FAILS} fails every attempt; one starting with {@value #CUT_SHORT} stops in its first
 * attempt, as a render does when its replica shuts down mid-render, until the test lets it go
 * ({@link #letGo}), and then fails (later attempts render).
 */
public final class ScriptedRenderer implements VideoRenderer {

    public static final String ALWAYS_FAILS = "BROKEN-RENDER";
    public static final String CUT_SHORT = "CUT-SHORT";

    private final Map<String, CountDownLatch> stopped = new ConcurrentHashMap<>();

    private final TitleCardRenderer real = new TitleCardRenderer(4, 1, 2);
    private final Map<String, AtomicInteger> rendersByTitle = new ConcurrentHashMap<>();

    @Override
    public RenderedVideo render(RenderRequest request, Path directory, io.plinth.video.render.RenderProgress progress)
            throws IOException {
        String title = request.storyboard().title();
        rendersByTitle.computeIfAbsent(title, t -> new AtomicInteger()).incrementAndGet();
        if (title.startsWith(CUT_SHORT) && renders(title) == 1) {
            progress.rendered(10);
            CountDownLatch letGo = stopped.computeIfAbsent(title, t -> new CountDownLatch(1));
            try {
                letGo.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the render was cut short");
        }
        if (title.startsWith(ALWAYS_FAILS)) {
            progress.rendered(10);
            throw new IOException("the model behind this renderer is out of order");
        }
        return real.render(request, directory, progress);
    }

    /** Whether the first attempt at {@code title} is in progress (stopped, waiting to be let go). */
    public boolean inFirstAttempt(String title) {
        return stopped.containsKey(title) && stopped.get(title).getCount() > 0;
    }

    public void letGo(String title) {
        stopped.computeIfAbsent(title, t -> new CountDownLatch(1)).countDown();
    }

    public int renders(String title) {
        AtomicInteger count = rendersByTitle.get(title);
        return count == null ? 0 : count.get();
    }

    public int framesPerScene() {
        return real.framesPerScene();
    }
}
