package org.ddlm.plugin.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.DdlmSettings.Mode;
import org.ddlm.diffusion.ddlm.Splitting;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.PlmsSampler;
import org.ddlm.diffusion.sampler.Sampler;

/**
 * The benchmark grids as data (algorithms.md §6.5–6.8). {@code quick}: the default settings and one cheap DDIM
 * row (smoke tests). {@code default}: what the acceptance needs (default row, 100-step DDIM reference,
 * sampler/step sweep with blend, the none ablation, Strang-split network guidance against Euler-guided sampling).
 * {@code full}: adds the longer and rarer rows. Every DDLM row uses the default ζ/γ, so rows differ only where
 * the label says (the sweep rows take one view, the default and reference rows the default's mirror views).
 */
public final class Grid {
    public static final List<String> NAMES = List.of("quick", "default", "full");
    public static final int REFERENCE_STEPS = 100;

    private Grid() {
    }

    public static List<GridRow> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> quick();
            case "default" -> standard(false);
            case "full" -> standard(true);
            default -> throw new IllegalArgumentException("unknown grid '" + name + "'; use one of " + NAMES);
        };
    }

    private static List<GridRow> quick() {
        return dedupe(List.of(new GridRow(DdlmSettings.defaults(), GridRow.Role.DEFAULT),
                plain(new DdimSampler(0), 3, Mode.BLEND, null)));
    }

    private static List<GridRow> standard(boolean full) {
        // Acceptance rows first (a long run that is stopped early has written those already).
        List<GridRow> rows = new ArrayList<>();
        rows.add(new GridRow(DdlmSettings.defaults(), GridRow.Role.DEFAULT));
        rows.add(reference());
        // Strang splitting with Heun diffusion substeps (the autograd-guidance default of §6.6) against
        // Euler-guided sampling (DDIM(0) on the guided epsilon, no splitting).
        for (int n : full ? new int[] {2, 3, 5, 10} : new int[] {2, 3, 5}) {
            rows.add(plain(new HeunSampler(), n, Mode.GUIDANCE_NETWORK, Splitting.Scheme.STRANG));
        }
        for (int n : full ? new int[] {5, 10, 20, 50} : new int[] {5, 10, 20}) {
            rows.add(plain(new DdimSampler(0), n, Mode.GUIDANCE_NETWORK, null));
        }
        for (int n : full ? new int[] {3, 5, 10, 20} : new int[] {5, 10, 20}) {
            rows.add(plain(new DpmSolver2MSampler(), n, Mode.BLEND, null));
        }
        for (int n : full ? new int[] {5, 10, 20, 50} : new int[] {10}) {
            rows.add(plain(new DdimSampler(0), n, Mode.BLEND, null));
        }
        for (int n : full ? new int[] {3, 5, 10} : new int[] {5}) {
            rows.add(plain(new HeunSampler(), n, Mode.BLEND, null));
        }
        rows.add(plain(new PlmsSampler(), 10, Mode.BLEND, null));
        rows.add(plain(new DpmSolver2MSampler(), 10, Mode.NONE, null));
        if (full) {
            rows.add(plain(new DpmSolver3MSampler(), 10, Mode.BLEND, null));
            rows.add(plain(new DpmSolver2MSampler(), 5, Mode.NONE, null));
            rows.add(plain(new DdimSampler(0), 10, Mode.NONE, null));
            rows.add(plain(new DpmSolver2MSampler(), 10, Mode.GUIDANCE_X0, null));
            rows.add(plain(new HeunSampler(), 5, Mode.GUIDANCE_NETWORK, Splitting.Scheme.LIE_TROTTER));
        }
        return dedupe(rows);
    }

    /** DDIM(η = 0), 100 steps from t*, blend with the default ζ, in the default's mirror views (§6.8). */
    public static GridRow reference() {
        return new GridRow(DdlmSettings.defaults().withSampler(new DdimSampler(0), REFERENCE_STEPS),
                GridRow.Role.REFERENCE);
    }

    /**
     * The default settings with another sampler, step count and conditioning (default ζ and γ), on the slice
     * alone (one view): the sweeps compare samplers, not the mirror average.
     */
    public static GridRow plain(Sampler sampler, int steps, Mode mode, Splitting.Scheme splitting) {
        DdlmSettings d = DdlmSettings.defaults();
        return new GridRow(d.withSampler(sampler, steps).withConditioning(mode, d.zeta(), d.gamma(), splitting)
                .withFlips(1), GridRow.Role.PLAIN);
    }

    /** The same rows with another root seed for the per-slice random streams. */
    public static List<GridRow> withSeed(List<GridRow> rows, long seed) {
        return rows.stream().map(r -> new GridRow(r.settings().withEnsemble(r.settings().ensemble(), seed,
                r.settings().whitening()), r.role())).toList();
    }

    /** Drops rows equal to an earlier one (the default row comes first and so keeps its mark). */
    static List<GridRow> dedupe(List<GridRow> rows) {
        Map<String, GridRow> byKey = new LinkedHashMap<>();
        for (GridRow r : rows) {
            byKey.putIfAbsent(r.key(), r);
        }
        return List.copyOf(byKey.values());
    }
}
