package oneclass.features;

import oneclass.data.Images;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FeaturePreprocessingTest {

    /** One 2×2 RGB image: R = [[0, 255], [0, 255]], G = 10, 20, 30, 40, B = 100 everywhere. */
    static Images tiny() {
        byte[] px = {0, (byte) 255, 0, (byte) 255, 10, 20, 30, 40, 100, 100, 100, 100};
        return new Images("tiny", 2, 2, 3, px, new int[] {7});
    }

    @Test
    void atItsOwnSizeTheImageIsOnlyScaled() {
        Preprocessing p = Preprocessing.unitRange(2);
        float[] out = new float[p.dim()];
        p.apply(tiny(), 0, out, 0);
        assertArrayEquals(new float[] {0, 1, 0, 1, 10 / 255f, 20 / 255f, 30 / 255f, 40 / 255f,
                100 / 255f, 100 / 255f, 100 / 255f, 100 / 255f}, out, 1e-7f);
    }

    @Test
    void meanAndStdArePerOutputChannelAndBgrReversesThePlanes() {
        Preprocessing p = new Preprocessing(2, true, 1, new double[] {100, 20, 0}, new double[] {1, 2, 255});
        float[] out = new float[p.dim()];
        p.apply(tiny(), 0, out, 0);
        // output channel 0 is B (100 everywhere) − 100; channel 1 is G − 20, / 2; channel 2 is R / 255
        assertArrayEquals(new float[] {0, 0, 0, 0, -5, 0, 5, 10, 0, 1, 0, 1}, out, 1e-6f);
    }

    /**
     * 2 → 4 pixels with half-pixel centres: source x = (i + 0.5)·2/4 − 0.5 = −0.25, 0.25, 0.75, 1.25,
     * clamped to 0, 0.25, 0.75, 1, so a row 0, 255 becomes 0, 63.75, 191.25, 255.
     */
    @Test
    void bilinearResizeUsesHalfPixelCentres() {
        Preprocessing p = new Preprocessing(4, false, 1, new double[3], new double[] {1, 1, 1});
        float[] out = new float[3 + p.dim()];
        p.apply(tiny(), 0, out, 3); // at an offset
        for (int y = 0; y < 4; y++)
            assertArrayEquals(new float[] {0, 63.75f, 191.25f, 255}, java.util.Arrays.copyOfRange(out, 3 + y * 4, 3 + y * 4 + 4), 1e-4f, "row " + y);
        // G = [[10, 20], [30, 40]]: at (y, x) = (0.25, 0.25) → 10·0.5625 + 20·0.1875 + 30·0.1875 + 40·0.0625 = 17.5
        assertEquals(17.5f, out[3 + 16 + 1 * 4 + 1], 1e-4f);
        assertEquals(10f, out[3 + 16], 1e-4f);
        assertEquals(40f, out[3 + 16 + 15], 1e-4f);
        assertArrayEquals(new float[] {100, 100, 100, 100}, java.util.Arrays.copyOfRange(out, 3 + 32, 3 + 36), 1e-4f);
    }

    @Test
    void describeAndParseRoundTrip() {
        for (Preprocessing p : new Preprocessing[] {Preprocessing.imagenetMeanRgb(224), Preprocessing.unitRange(32),
                new Preprocessing(64, true, 0.5, new double[] {-1.5, 0, 2}, new double[] {0.229, 0.224, 0.225})}) {
            assertEquals(p, Preprocessing.parse(p.describe()), p.describe());
        }
        assertEquals("size=224,order=rgb,scale=1,mean=123.68/116.779/103.939,std=1/1/1", Preprocessing.imagenetMeanRgb(224).describe());
        Preprocessing f = Preprocessing.parse("size=32, order=BGR, scale=1/255, mean=0/0/0, std=1/1/1");
        assertEquals(1 / 255.0, f.scale());
        assertTrue(f.bgr());
    }

    @Test
    void malformedSpecsAreRejectedWithTheirKey() {
        String ok = "size=32,order=rgb,scale=1,mean=0/0/0,std=1/1/1";
        assertEquals(Preprocessing.unitRange(32).size(), Preprocessing.parse(ok).size());
        String[][] bad = {
                {"", "empty"},
                {"size=32,order=rgb,scale=1,mean=0/0/0", "'std' is missing"},
                {ok + ",gamma=2", "unknown key 'gamma'"},
                {ok + ",size=64", "'size' given twice"},
                {"size=3x,order=rgb,scale=1,mean=0/0/0,std=1/1/1", "size '3x' is not an integer"},
                {"size=0,order=rgb,scale=1,mean=0/0/0,std=1/1/1", "size must be in [1, 1024]"},
                {"size=32,order=rbg,scale=1,mean=0/0/0,std=1/1/1", "order must be rgb or bgr"},
                {"size=32,order=rgb,scale=1/2/3,mean=0/0/0,std=1/1/1", "scale '1/2/3'"},
                {"size=32,order=rgb,scale=-1,mean=0/0/0,std=1/1/1", "scale must be > 0"},
                {"size=32,order=rgb,scale=1,mean=0/0,std=1/1/1", "mean needs 3 values"},
                {"size=32,order=rgb,scale=1,mean=0/zero/0,std=1/1/1", "mean value 'zero'"},
                {"size=32,order=rgb,scale=1,mean=0/0/0,std=1/0/1", "std must be > 0"},
                {"size=32,order,scale=1,mean=0/0/0,std=1/1/1", "'order' is not key=value"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preprocessing.parse(b[0]), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }
}
