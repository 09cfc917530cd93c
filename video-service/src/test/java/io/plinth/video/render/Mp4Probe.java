package io.plinth.video.render;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/**
 * Reads an MP4 back with JCodec's decoder, for tests: its frame size, its frame count, and its
 * scenes — runs of frames whose background (a corner of the card, never covered by text) keeps
 * one colour.
 */
public record Mp4Probe(int width, int height, int frames, List<Color> sceneColors, List<Integer> framesPerScene) {

    public static Mp4Probe read(Path file) throws IOException {
        try (SeekableByteChannel in = NIOUtils.readableChannel(file.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(in);
            List<Color> colors = new ArrayList<>();
            List<Integer> runs = new ArrayList<>();
            int frames = 0;
            int width = 0;
            int height = 0;
            Picture picture;
            while ((picture = grab.getNativeFrame()) != null) {
                Picture rgb = Picture.create(picture.getWidth(), picture.getHeight(), ColorSpace.RGB);
                Transform transform = ColorUtil.getTransform(picture.getColor(), ColorSpace.RGB);
                transform.transform(picture, rgb);
                Color corner = corner(rgb);
                if (colors.isEmpty() || distance(colors.get(colors.size() - 1), corner) > 24) {
                    colors.add(corner);
                    runs.add(1);
                } else {
                    runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
                }
                width = picture.getCroppedWidth();
                height = picture.getCroppedHeight();
                frames++;
            }
            return new Mp4Probe(width, height, frames, colors, runs);
        } catch (JCodecException e) {
            throw new IOException(e);
        }
    }

    /** Mean colour of an 8×8 patch near the top-left corner. */
    private static Color corner(Picture rgb) {
        byte[] data = rgb.getPlaneData(0);
        int stride = rgb.getWidth() * 3;
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = 4; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                int i = y * stride + x * 3;
                // JCodec keeps 8-bit samples as signed bytes offset by 128.
                r += data[i] + 128;
                g += data[i + 1] + 128;
                b += data[i + 2] + 128;
            }
        }
        return new Color((int) (r / 64), (int) (g / 64), (int) (b / 64));
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }

    public static int distanceTo(Color a, Color b) {
        return distance(a, b);
    }
}
