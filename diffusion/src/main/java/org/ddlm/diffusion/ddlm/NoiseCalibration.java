package org.ddlm.diffusion.ddlm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.Optional;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.net.PriorModels;

/**
 * The noise-estimate constants of a prior ({@link NoiseLevelEstimator}): σ_ref (the total-noise measure of its
 * normal-dose training slices), σ_ref,HH (their HH level), the start factor c_t as a function of the noise's
 * sharpness, and κ (HH-band std to image std of the simulator's Hann noise, kept for the record; the estimate no
 * longer uses it). Stored as {@value #FILE} beside the prior's model.json; a prior without one gets white-noise
 * values (σ_ref = σ_ref,HH = 0, the default c_t) and {@link #calibrated()} says so. A file from before σ_ref was
 * measured gets σ_ref = κ·σ_ref,HH.
 *
 * @param kappa          κ
 * @param referenceHh    σ_ref,HH in HU
 * @param referenceTotal σ_ref in HU
 * @param referenceThicknessMm the slice thickness σ_ref holds at (mm): the median of the training series' slice
 *                       thicknesses; NaN in files from before it was recorded (σ_ref is then not scaled by thickness)
 * @param timeFactors    c_t by sharpness
 * @param description    where the numbers came from (data, date), for reports
 */
public record NoiseCalibration(double kappa, double referenceHh, double referenceTotal, double referenceThicknessMm,
                               TimeFactorCurve timeFactors, String description) {
    public static final String FILE = PriorModels.NOISE_CALIBRATION;
    public static final NoiseCalibration UNCALIBRATED = new NoiseCalibration(1.0, 0.0, 0.0, Double.NaN,
            TimeFactorCurve.constant(DdlmSettings.DEFAULT_TIME_FACTOR), "uncalibrated (white noise)");

    public NoiseCalibration {
        if (!(kappa > 0.0) || !(referenceHh >= 0.0) || !(referenceTotal >= 0.0) || timeFactors == null
                || !(Double.isNaN(referenceThicknessMm) || referenceThicknessMm > 0.0)) {
            throw new IllegalArgumentException("need kappa > 0, reference levels >= 0, a thickness > 0 (or NaN) and "
                    + "a c_t curve, got " + kappa + ", " + referenceHh + ", " + referenceTotal + ", "
                    + referenceThicknessMm);
        }
    }

    /** This calibration with c_t by sharpness replaced. */
    public NoiseCalibration withTimeFactors(TimeFactorCurve curve) {
        return new NoiseCalibration(kappa, referenceHh, referenceTotal, referenceThicknessMm, curve, description);
    }

    public boolean calibrated() {
        return this != UNCALIBRATED;
    }

    /**
     * The prior's normal-dose floor (σ_ref capped per slice, scaled to each slice's thickness once known), before
     * any level the user gives for a series.
     */
    public NormalDoseFloor floor() {
        return NormalDoseFloor.ofPrior(referenceTotal, referenceHh, referenceThicknessMm);
    }

    /** The estimator for a series of slices {@code thicknessMm} thick (NaN: unknown, σ_ref not scaled). */
    public NoiseLevelEstimator estimator(double thicknessMm) {
        return new NoiseLevelEstimator(floor().withThickness(thicknessMm));
    }

    /** c_t for a slice: the given one, or the curve's value at the slice's measured sharpness. */
    public double timeFactor(Double given, NoiseProfile profile) {
        return given != null ? given : timeFactors.at(profile.sharpness());
    }

    /** The calibration of a prior named as for {@link PriorModels#open}: default or a model folder. */
    public static NoiseCalibration forModel(String model) throws ModelException {
        Optional<String> json = PriorModels.companionFile(model, FILE);
        return json.isPresent() ? parse(json.get(), model + " " + FILE) : UNCALIBRATED;
    }

    public static NoiseCalibration parse(String json, String source) throws ModelException {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            double kappa = o.get("kappa").getAsDouble();
            double hh = o.get("reference_hh_hu").getAsDouble();
            double total = o.has("reference_total_hu") ? o.get("reference_total_hu").getAsDouble() : kappa * hh;
            double thickness = o.has("reference_thickness_mm") ? o.get("reference_thickness_mm").getAsDouble()
                    : Double.NaN;
            TimeFactorCurve curve = TimeFactorCurve.constant(DdlmSettings.DEFAULT_TIME_FACTOR);
            if (o.has("time_factor_by_sharpness")) {
                JsonArray points = o.getAsJsonArray("time_factor_by_sharpness");
                double[] s = new double[points.size()];
                double[] c = new double[points.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = points.get(i).getAsJsonArray().get(0).getAsDouble();
                    c[i] = points.get(i).getAsJsonArray().get(1).getAsDouble();
                }
                curve = new TimeFactorCurve(s, c);
            }
            return new NoiseCalibration(kappa, hh, total, thickness, curve,
                    o.has("description") ? o.get("description").getAsString() : source);
        } catch (RuntimeException e) {
            throw new ModelException(source + ": not a noise calibration (need numbers kappa and reference_hh_hu, "
                    + "optional reference_total_hu, reference_thickness_mm > 0 and time_factor_by_sharpness "
                    + "[[s, c_t], ...]): " + e.getMessage());
        }
    }

    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("kappa", kappa);
        o.addProperty("reference_hh_hu", referenceHh);
        o.addProperty("reference_total_hu", referenceTotal);
        if (!Double.isNaN(referenceThicknessMm)) {
            o.addProperty("reference_thickness_mm", referenceThicknessMm);
        }
        JsonArray points = new JsonArray();
        double[] s = timeFactors.sharpness();
        double[] c = timeFactors.factor();
        for (int i = 0; i < s.length; i++) {
            JsonArray p = new JsonArray();
            p.add(s[i]);
            p.add(c[i]);
            points.add(p);
        }
        o.add("time_factor_by_sharpness", points);
        o.addProperty("description", description);
        return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sigma_ref %.2f HU%s, sigma_ref,HH %.2f HU, c_t by sharpness %s (%s)",
                referenceTotal, Double.isNaN(referenceThicknessMm) ? ""
                        : String.format(Locale.ROOT, " at %.1f mm slices", referenceThicknessMm),
                referenceHh, timeFactors, description);
    }
}
