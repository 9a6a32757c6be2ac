package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImagesTest {

    /** Three 1x2 grey images: (0, 255), (51, 102), (1, 2); labels 7, 3, 7. */
    private static Images three() {
        byte[] pixels = {0, (byte) 255, 51, 102, 1, 2};
        return new Images("toy", 1, 2, 1, pixels, new int[] {7, 3, 7});
    }

    @Test
    void accessorsReadTheBytesAsUnsignedAndScaleBy255() {
        Images images = three();
        assertEquals(3, images.size());
        assertEquals(2, images.dim());
        assertEquals(3, images.label(1));
        assertEquals(0f, images.pixel(0, 0));
        assertEquals(1f, images.pixel(0, 1)); // byte -1 is 255
        assertEquals(0.2f, images.pixel(1, 0)); // 51 / 255 = 0.2
        assertEquals(0.4f, images.pixel(1, 1)); // 102 / 255 = 0.4
    }

    @Test
    void copyImageWritesAtTheOffsetAndMatchesPixel() {
        Images images = three();
        float[] dst = new float[5];
        images.copyImage(1, dst, 2);
        assertArrayEquals(new float[] {0f, 0f, 0.2f, 0.4f, 0f}, dst);
        images.copyImage(2, dst, 0);
        assertEquals(images.pixel(2, 0), dst[0]);
        assertEquals(images.pixel(2, 1), dst[1]);
    }

    @Test
    void indicesOfListsALabelInFileOrder() {
        assertArrayEquals(new int[] {0, 2}, three().indicesOf(7));
        assertArrayEquals(new int[] {1}, three().indicesOf(3));
        assertArrayEquals(new int[] {}, three().indicesOf(0));
    }

    @Test
    void selectCopiesImagesAndLabelsInTheOrderGiven() {
        Images selected = three().select(new int[] {2, 0, 2});
        assertEquals(3, selected.size());
        assertArrayEquals(new int[] {7, 7, 7}, selected.labels());
        assertArrayEquals(new byte[] {1, 2, 0, (byte) 255, 1, 2}, selected.pixels());
        assertTrue(selected.name().startsWith("toy"), selected.name());
    }

    @Test
    void selectRejectsAnIndexOutsideTheSet() {
        var e = assertThrows(IndexOutOfBoundsException.class, () -> three().select(new int[] {0, 3}));
        assertTrue(e.getMessage().contains("index 3 at position 1 is outside 0..2"), e.getMessage());
    }

    @Test
    void constructorNamesTheLengthsThatDisagree() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Images("bad", 2, 2, 1, new byte[7], new int[2]));
        assertEquals("bad: pixels.length is 7, expected labels.length (2) x dim (2 x 2 x 1 = 4) = 8", e.getMessage());
    }

    @Test
    void constructorRejectsANonPositiveShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Images("bad", 0, 2, 1, new byte[0], new int[0]));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    }

    @Test
    void toStringGivesTheShapeNotTheArrays() {
        assertEquals("Images[toy: 3 x 1x2x1]", three().toString());
    }
}
