package org.ddlm.plugin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.junit.jupiter.api.Test;

/** The grids hold what the acceptance needs, once each. */
class GridTest {
    @Test
    void defaultGridHasOneDefaultRowAndTheReference() {
        List<GridRow> rows = Grid.named("default");
        assertEquals(1, rows.stream().filter(r -> r.role() == GridRow.Role.DEFAULT).count());
        assertEquals(new GridRow(DdlmSettings.defaults(), GridRow.Role.PLAIN).key(), rows.get(0).key());
        List<GridRow> refs = rows.stream().filter(r -> r.role() == GridRow.Role.REFERENCE).toList();
        assertEquals(1, refs.size());
        assertTrue(refs.get(0).settings().sampler() instanceof DdimSampler);
        assertEquals(100, refs.get(0).settings().steps());
        assertEquals(DdlmSettings.defaults().mode(), refs.get(0).settings().mode());
        assertEquals(DdlmSettings.defaults().zeta(), refs.get(0).settings().zeta());
        assertEquals(DdlmSettings.defaults().flips(), refs.get(0).settings().flips());
    }

    @Test
    void rowsAreDistinctAndGuidanceIsCompared() {
        for (String name : Grid.NAMES) {
            List<GridRow> rows = Grid.named(name);
            assertEquals(rows.size(), new HashSet<>(rows.stream().map(GridRow::key).toList()).size(), name);
        }
        List<String> families = Grid.named("default").stream().map(GridRow::family).toList();
        assertTrue(families.contains("heun guidance strang/heun"), families.toString());
        assertTrue(families.contains("ddim(eta=0.0) guidance euler-guided"), families.toString());
        assertTrue(families.contains("dpm-solver++(2m) none"), families.toString());
        assertTrue(Grid.named("full").size() > Grid.named("default").size());
        assertTrue(Grid.named("quick").size() <= 2);
    }

    @Test
    void seedReachesEveryRow() {
        assertTrue(Grid.withSeed(Grid.named("quick"), 42).stream().allMatch(r -> r.settings().seed() == 42));
    }

    @Test
    void unknownGridIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Grid.named("huge"));
    }
}
