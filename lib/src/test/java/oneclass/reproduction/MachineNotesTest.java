package oneclass.reproduction;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The report's notes about the machine are data (machine-notes.json), read once, with a section's own notes in place of the shared ones. */
class MachineNotesTest {
    static MachineNotes parse(String json) {
        return MachineNotes.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void aSectionsOwnNoteReplacesTheDataSetsNote() {
        MachineNotes n = parse("""
                {"machine": "m", "about": "a", "datasets": {"cifar10": "subset only", "emnist": "absent"},
                 "sections": {"hrn_pretrained": {"cifar10": "no zoo weights"}}}""");
        assertEquals(Map.of("cifar10", "no zoo weights", "emnist", "absent"), n.of("hrn_pretrained"));
        assertEquals(Map.of("cifar10", "subset only", "emnist", "absent"), n.of("hrn_table1"));
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingTheFile() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> parse("{\"machine\": \"m\", \"dataset\": {}}"));
        assertTrue(x.getMessage().startsWith("test.json is not a notes file") && x.getMessage().contains("dataset"), x.getMessage());
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class, () -> parse("{\"datasets\": {}}"));
        assertTrue(unnamed.getMessage().contains("\"machine\" is missing"), unnamed.getMessage());
    }

    @Test
    void theBuiltInNotesReachTheirSections() {
        assertEquals(Sections.MACHINE.datasets().get("cifar10"), Sections.get("hrn_table1").notes().get("cifar10"));
        assertNotEquals(Sections.get("hrn_table1").notes().get("cifar10"), Sections.get("hrn_pretrained").notes().get("cifar10"));
        assertTrue(Sections.get("ics_table1").notes().get("fmnist").contains("at most 1.4 h on one core"));
        assertNull(Sections.get("hrn_table1").notes().get("fmnist"), "ICS Table 1's time budget is its own note");
        for (String id : Sections.MACHINE.sections().keySet()) assertDoesNotThrow(() -> Sections.get(id), id);
    }
}
