package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeSet;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.junit.jupiter.api.Test;

/** The one sampler registry: its choice list, its help entries and its lookup agree on the same names. */
class SamplersTest {

    @Test
    void choicesStartWithTheLibraryDefaultAndCoverEveryName() throws Exception {
        String[] choices = Samplers.choices();
        assertEquals("ddim", choices[0]);
        assertEquals(DdlmSettings.defaults().sampler().name(), Samplers.make(choices[0]).name());
        assertEquals(List.of("ddim", "ddpm", "dpm2m", "dpm3m", "heun", "plms"), List.of(choices));
        assertEquals(new TreeSet<>(Samplers.BY_NAME.keySet()), new TreeSet<>(List.of(choices)));
    }

    @Test
    void helpDescribesEachNameOnce() {
        List<String> names = Samplers.described().stream().map(d -> d.split(" ")[0]).toList();
        assertEquals(new TreeSet<>(Samplers.BY_NAME.keySet()), new TreeSet<>(names));
        assertEquals(Samplers.BY_NAME.size(), names.size());
        assertEquals("ddpm (ancestral, fixed-small variance)", Samplers.described().get(3));
    }

    @Test
    void lookupIgnoresCaseAndNamesTheChoicesWhenUnknown() throws Exception {
        assertEquals("dpm-solver++(3m)", Samplers.make("DPM3M").name());
        assertEquals("unknown sampler 'euler'; choose one of ddim, ddpm, dpm2m, dpm3m, heun, plms",
                assertThrows(UserException.class, () -> Samplers.make("euler")).getMessage());
    }
}
