package io.plinth.video.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.DumbRateControl;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Packet.FrameType;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.scale.AWTUtil;

/**
 * Renders each scene as a still title card (scene counter, the video's title, the scene's text
 * on a colour of its own) and encodes it as H.264 in an MP4 with JCodec, in pure Java.
 *
 * <p>Why it is fast enough on one core: each card is drawn with AWT and converted to YUV once,
 * then the same picture is encoded for every frame of the scene, so the per-frame loop is only the
 * encoder; and the motion search range is small because nothing on a card moves (JCodec's default
 * search is most of its time per P frame).
 */
public final class TitleCardRenderer implements VideoRenderer {

    public static final String CONTENT_TYPE = "video/mp4";

    private final int framesPerSecond;
    private final int secondsPerScene;
    private final int motionSearchRange;

    public TitleCardRenderer(int framesPerSecond, int secondsPerScene, int motionSearchRange) {
        if (framesPerSecond < 1 || secondsPerScene < 1 || motionSearchRange < 0) {
            throw new IllegalArgumentException("frames per second and seconds per scene must be positive");
        }
        this.framesPerSecond = framesPerSecond;
        this.secondsPerScene = secondsPerScene;
        this.motionSearchRange = motionSearchRange;
    }

    public int framesPerScene() {
        return framesPerSecond * secondsPerScene;
    }

    @Override
    public RenderedVideo render(RenderRequest request, Path directory, RenderProgress progress) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "render-", ".mp4");
        List<Storyboard.Scene> scenes = request.storyboard().scenes();
        int totalFrames = scenes.size() * framesPerScene();
        H264Encoder encoder = new H264Encoder(new DumbRateControl());
        encoder.setMotionSearchRange(motionSearchRange);
        // One key frame per scene start at least: a player seeking to a scene decodes at once.
        encoder.setKeyInterval(framesPerScene());
        int frameNo = 0;
        int reported = -1;
        try (SeekableByteChannel out = NIOUtils.writableChannel(file.toFile())) {
            MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(out);
            MuxerTrack track = null;
            ByteBuffer buffer = null;
            for (Storyboard.Scene scene : scenes) {
                Picture card = yuv(drawCard(request, scene, scenes.size()));
                if (track == null) {
                    track = muxer.addVideoTrack(Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(
                            new Size(card.getWidth(), card.getHeight()), ColorSpace.YUV420J));
                    buffer = ByteBuffer.allocate(encoder.estimateBufferSize(card));
                }
                for (int i = 0; i < framesPerScene(); i++) {
                    buffer.clear();
                    EncodedFrame encoded = encoder.encodeFrame(card, buffer);
                    track.addFrame(Packet.createPacket(NIOUtils.clone(encoded.getData()), frameNo, framesPerSecond, 1,
                            frameNo, encoded.isKeyFrame() ? FrameType.KEY : FrameType.INTER, null));
                    frameNo++;
                    int percent = (int) (100L * frameNo / totalFrames);
                    if (percent != reported && percent < 100) {
                        reported = percent;
                        progress.rendered(percent);
                    }
                }
            }
            muxer.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        progress.rendered(100);
        return new RenderedVideo(file, CONTENT_TYPE, request.width(), request.height(), totalFrames,
                1000L * totalFrames / framesPerSecond, Files.size(file));
    }

    /**
     * The card in studio-range YUV 4:2:0, handed to the encoder under the colour space it insists
     * on (YUV420J). H.264 streams without a full-range flag are read as studio range by every
     * decoder (JCodec's own, ffmpeg, browsers), so converting to full range would come out darker
     * and washed out everywhere; the plane layout of the two is identical.
     */
    private static Picture yuv(BufferedImage card) {
        Picture studio = AWTUtil.fromBufferedImage(card, ColorSpace.YUV420);
        return Picture.createPicture(studio.getWidth(), studio.getHeight(), studio.getData(), ColorSpace.YUV420J);
    }

    /** The background of scene {@code number}: hues a golden angle apart, so neighbours always differ. */
    public static Color sceneColor(int number) {
        float hue = (float) ((number * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, 0.55f);
    }

    private static BufferedImage drawCard(RenderRequest request, Storyboard.Scene scene, int sceneCount) {
        int width = request.width();
        int height = request.height();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(sceneColor(scene.number()));
            g.fillRect(0, 0, width, height);
            int margin = width / 12;
            int unit = Math.min(width, height) / 24;

            g.setColor(new Color(255, 255, 255, 200));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, unit));
            g.drawString(scene.number() + " / " + sceneCount, margin, margin + unit);

            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (unit * 1.2)));
            int y = margin + unit * 3;
            for (String line : wrap(request.storyboard().title(), g.getFontMetrics(), width - 2 * margin, 2)) {
                g.drawString(line, margin, y);
                y += (int) (unit * 1.5);
            }

            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (unit * 1.6)));
            FontMetrics metrics = g.getFontMetrics();
            List<String> lines = wrap(scene.text(), metrics, width - 2 * margin, 12);
            int lineHeight = metrics.getHeight();
            int top = Math.max(y + lineHeight, (height - lines.size() * lineHeight) / 2 + metrics.getAscent());
            for (String line : lines) {
                g.drawString(line, (width - metrics.stringWidth(line)) / 2, top);
                top += lineHeight;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<String> wrap(String text, FontMetrics metrics, int maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= maxWidth || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            kept.set(maxLines - 1, kept.get(maxLines - 1) + " …");
            return kept;
        }
        return lines;
    }
}
