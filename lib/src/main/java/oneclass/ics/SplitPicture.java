package oneclass.ics;

import oneclass.data.Images;

import javax.imageio.ImageIO;
import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A picture like the ICS paper's Fig. 1, "Examples for typical and atypical samples": two grids of
 * training images drawn at random (from the given seed) from the typical and the atypical subset.
 */
public final class SplitPicture {
    private SplitPicture() {}

    /** PNG bytes: left grid typical, right grid atypical, {@code grid}×{@code grid} images each, scaled by {@code zoom}. */
    public static byte[] png(Images train, IntraClassSplit split, double rho, int grid, int zoom, long seed, String title) {
        float[] y = split.labels(rho);
        int[] typ = IntStream.range(0, y.length).filter(i -> y[i] == 0).toArray();
        int[] atyp = IntStream.range(0, y.length).filter(i -> y[i] == 1).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        int side = train.rows() * zoom, pad = 2, cell = side + pad, gap = 30, top = 50;
        int w = 2 * grid * cell + gap + 2 * pad, h = grid * cell + top + pad;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, pad, 16);
        g.drawString("(a) typical (" + typ.length + ")", pad, top - 8);
        g.drawString("(b) atypical, lowest " + RhoFormat.rho(rho) + "% SSIM (" + atyp.length + ")", grid * cell + gap, top - 8);
        for (int half = 0; half < 2; half++) {
            int[] pool = sample(half == 0 ? typ : atyp, grid * grid, rng);
            for (int k = 0; k < pool.length; k++) {
                int x0 = pad + half * (grid * cell + gap - pad) + (k % grid) * cell, y0 = top + (k / grid) * cell;
                draw(img, train, split.trainIndices()[pool[k]], x0, y0, zoom);
            }
        }
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] sample(int[] from, int k, SplittableRandom rng) {
        int[] a = from.clone();
        IcsRun.shuffle(a, rng);
        return java.util.Arrays.copyOf(a, Math.min(k, a.length));
    }

    private static void draw(BufferedImage img, Images images, int index, int x0, int y0, int zoom) {
        int r = images.rows(), c = images.cols(), ch = images.channels(), plane = r * c;
        float[] px = new float[images.dim()];
        images.copyImage(index, px, 0);
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) {
                int red, green, blue;
                if (ch == 3) {
                    red = (int) (px[i * c + j] * 255);
                    green = (int) (px[plane + i * c + j] * 255);
                    blue = (int) (px[2 * plane + i * c + j] * 255);
                } else red = green = blue = (int) (px[i * c + j] * 255);
                int rgb = (red << 16) | (green << 8) | blue;
                for (int dy = 0; dy < zoom; dy++) for (int dx = 0; dx < zoom; dx++) img.setRGB(x0 + j * zoom + dx, y0 + i * zoom + dy, rgb);
            }
    }

    /** Formatting of ρ in names and titles: 10, not 10.0. */
    static final class RhoFormat {
        static String rho(double rho) { return IcsGrid.fmt(rho); }
    }
}
