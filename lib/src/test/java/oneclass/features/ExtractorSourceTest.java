package oneclass.features;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Which extractor hrn_pretrained's options name, and what the report calls it. */
class ExtractorSourceTest {
    @Test
    void theZooIsTheDefaultAndAModelFileReplacesIt() {
        ExtractorSource zoo = ExtractorSource.of(null, null, false, null);
        assertEquals("resnet50", zoo.name());
        assertEquals("ImageNet-pretrained resnet50 (deeplearning4j-zoo), overlapping classes not removed", zoo.describe());
        ExtractorSource file = ExtractorSource.of(null, Path.of("models/wrn.v2.zip"), true, null);
        assertEquals("wrn.v2", file.name());
        assertTrue(file.describe().contains("declared pretrained as the paper's"), file.describe());
        assertEquals("mine", ExtractorSource.of("vgg16", null, false, "mine").describe());
        assertEquals(32, file.defaultPreprocessing().size());
    }

    @Test
    void contradictoryOptionsAreRefused() {
        assertEquals("--zoo and --model exclude each other",
                assertThrows(IllegalArgumentException.class, () -> ExtractorSource.of("vgg16", Path.of("m.zip"), false, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExtractorSource.of("vgg16", null, true, null)).getMessage()
                .startsWith("--pretrained-as-paper needs --model"));
    }
}
