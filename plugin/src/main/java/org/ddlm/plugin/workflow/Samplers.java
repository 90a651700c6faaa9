package org.ddlm.plugin.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DdpmSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.PlmsSampler;
import org.ddlm.diffusion.sampler.Sampler;

/**
 * The one list of sampler names the front ends offer: the CLI's {@code --sampler} values and its help, the Fiji
 * dialog's choices. A new sampler is one {@link #entry} line here.
 */
public final class Samplers {
    /** A user-facing name, its note in the help (empty for none), and how to make the sampler. */
    private record Entry(String note, Supplier<Sampler> make) {
    }

    /** In the order the help lists them. */
    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        entry("dpm2m", "DPM-Solver++(2M)", DpmSolver2MSampler::new);
        entry("dpm3m", "DPM-Solver++(3M)", DpmSolver3MSampler::new);
        entry("ddim", "eta 0", () -> new DdimSampler(0.0));
        entry("ddpm", "ancestral, fixed-small variance", () -> new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL));
        entry("plms", "", PlmsSampler::new);
        entry("heun", "", HeunSampler::new);
    }

    /** Every name with its sampler, in alphabetical order. */
    public static final Map<String, Supplier<Sampler>> BY_NAME;

    static {
        Map<String, Supplier<Sampler>> byName = new TreeMap<>();
        ENTRIES.forEach((name, e) -> byName.put(name, e.make()));
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    /** The name of {@link DdlmSettings#defaults()}'s sampler. */
    public static final String DEFAULT = BY_NAME.entrySet().stream()
            .filter(e -> e.getValue().get().name().equals(DdlmSettings.defaults().sampler().name()))
            .map(Map.Entry::getKey).findFirst().orElseThrow();

    /** The sampler guidance through the network pairs with by default (the order-2 Strang splitting). */
    public static final String GUIDANCE_DEFAULT = "heun";

    private Samplers() {
    }

    private static void entry(String name, String note, Supplier<Sampler> make) {
        ENTRIES.put(name, new Entry(note, make));
    }

    /** The names for a choice list: the default first, then the others alphabetically. */
    public static String[] choices() {
        List<String> out = new ArrayList<>(List.of(DEFAULT));
        BY_NAME.keySet().stream().filter(n -> !n.equals(DEFAULT)).forEach(out::add);
        return out.toArray(String[]::new);
    }

    /** The names with their notes for help text, e.g. "dpm2m (DPM-Solver++(2M))", in the help's order. */
    public static List<String> described() {
        List<String> out = new ArrayList<>();
        ENTRIES.forEach((name, e) -> out.add(e.note().isEmpty() ? name : name + " (" + e.note() + ")"));
        return out;
    }

    /** A new sampler of that name (any case). */
    public static Sampler make(String name) throws UserException {
        Supplier<Sampler> make = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (make == null) {
            throw new UserException("unknown sampler '" + name + "'; choose one of " + String.join(", ",
                    BY_NAME.keySet()));
        }
        return make.get();
    }
}
