package oneclass.hcl;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HclTaskSequenceTest {
    @Test
    void naturalOrderIsTheLabelOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, TaskSequence.natural(4).classes());
        assertEquals(4, TaskSequence.natural(4).tasks());
    }

    @Test
    void shuffledIsAPermutationFixedByTheSeed() {
        TaskSequence a = TaskSequence.shuffled(47, 3), b = TaskSequence.shuffled(47, 3), c = TaskSequence.shuffled(47, 4);
        assertEquals(a, b);
        assertNotEquals(a, c);
        int[] sorted = a.classes();
        Arrays.sort(sorted);
        assertArrayEquals(TaskSequence.natural(47).classes(), sorted);
        assertNotEquals(TaskSequence.natural(47), a);
    }

    @Test
    void anExplicitOrderIsChecked() {
        assertArrayEquals(new int[] {2, 0, 1}, TaskSequence.of(List.of(2, 0, 1), 3).classes());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskSequence.of(List.of(1, 1), 3)).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskSequence.of(List.of(0, 3), 3)).getMessage().contains("outside 0..2"));
        assertThrows(IllegalArgumentException.class, () -> TaskSequence.of(List.of(), 3));
    }

    @Test
    void theClassesCannotBeChangedFromOutside() {
        int[] c = {0, 1};
        TaskSequence t = new TaskSequence(c);
        c[0] = 5;
        t.classes()[1] = 7;
        assertArrayEquals(new int[] {0, 1}, t.classes());
    }

    @Test
    void theOptionNamesAnOrder() {
        assertEquals(TaskSequence.natural(3), TaskSequence.parse(" Natural", 3, 1));
        assertEquals(TaskSequence.shuffled(47, 5), TaskSequence.parse("shuffled", 47, 5));
        assertArrayEquals(new int[] {2, 0, 1}, TaskSequence.parse("2, 0,1", 3, 1).classes());
        assertEquals("'3,x' is not natural, shuffled or a list of classes",
                assertThrows(IllegalArgumentException.class, () -> TaskSequence.parse("3,x", 3, 1)).getMessage());
        assertEquals("it lists 2 classes; every class 0..2 must appear once",
                assertThrows(IllegalArgumentException.class, () -> TaskSequence.parse("2,0", 3, 1)).getMessage());
    }

    @Test
    void hclLearnsImageAndFeatureSetsNotTabularFiles() {
        assertEquals(oneclass.data.Emnist.BALANCED, HclData.parse("emnist"));
        assertEquals(oneclass.data.FeatureSet.DBPEDIA, HclData.parse("DBpedia"));
        String m = assertThrows(IllegalArgumentException.class, () -> HclData.parse("thyroid")).getMessage();
        assertTrue(m.startsWith("'thyroid' is a tabular file") && m.endsWith("mnist, fmnist, cifar10, emnist, dbpedia-pfe, dbpedia"), m);
    }
}
