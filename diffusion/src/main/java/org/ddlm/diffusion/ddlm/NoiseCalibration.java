package org.ddlm.diffusion.ddlm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.Optional;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.net.PriorModels;

/**
 * The noise-estimate constants of a prior (algorithms.md §6.2): κ (HH-band std to image std for the
 * reconstruction kernels it was calibrated on) and σ_ref,HH (the HH level of its normal-dose training
 * slices). Stored as {@value #FILE} beside the prior's model.json; a prior without one gets the white-noise
 * values κ = 1, σ_ref,HH = 0, and {@link #calibrated()} says so.
 *
 * @param kappa       κ
 * @param referenceHh σ_ref,HH in HU
 * @param description where the numbers came from (data, date), for reports
 */
public record NoiseCalibration(double kappa, double referenceHh, String description) {
    public static final String FILE = "noise_calibration.json";
    public static final NoiseCalibration UNCALIBRATED = new NoiseCalibration(1.0, 0.0, "uncalibrated (white noise)");

    public NoiseCalibration {
        if (!(kappa > 0.0) || !(referenceHh >= 0.0)) {
            throw new IllegalArgumentException("need kappa > 0 and reference HH >= 0, got " + kappa + ", "
                    + referenceHh);
        }
    }

    public boolean calibrated() {
        return this != UNCALIBRATED;
    }

    public NoiseLevelEstimator estimator() {
        return new NoiseLevelEstimator(kappa, referenceHh);
    }

    /** The calibration of a prior named as for {@link PriorModels#open}: default or a model folder. */
    public static NoiseCalibration forModel(String model) throws ModelException {
        Optional<String> json = PriorModels.companionFile(model, FILE);
        return json.isPresent() ? parse(json.get(), model + " " + FILE) : UNCALIBRATED;
    }

    public static NoiseCalibration parse(String json, String source) throws ModelException {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new NoiseCalibration(o.get("kappa").getAsDouble(), o.get("reference_hh_hu").getAsDouble(),
                    o.has("description") ? o.get("description").getAsString() : source);
        } catch (RuntimeException e) {
            throw new ModelException(source + ": not a noise calibration (need numbers kappa and reference_hh_hu): "
                    + e.getMessage());
        }
    }

    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("kappa", kappa);
        o.addProperty("reference_hh_hu", referenceHh);
        o.addProperty("description", description);
        return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "kappa %.3f, sigma_ref,HH %.2f HU (%s)", kappa, referenceHh, description);
    }
}
