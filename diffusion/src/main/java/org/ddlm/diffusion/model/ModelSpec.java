package org.ddlm.diffusion.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a model file declares about itself (algorithms.md §2), read from or written to a JSON
 * sidecar next to the weights. Plain values only, so that this class does not depend on the
 * schedule or prediction classes; the code that builds a denoiser maps them.
 *
 * <pre>
 * {
 *   "format": "torchscript",              // or "ddlm-unet"
 *   "weights": "prior.pt",                // relative to the sidecar's folder
 *   "prediction": "eps",                  // eps | x0 | v
 *   "time_input": "fractional-index",     // u in [0, T-1], float32, one per batch element
 *   "schedule": {"name": "cosine", "timesteps": 1000, "interpolation": "lambda-linear",
 *                "parameters": {"s": 0.008}},
 *   "intensity": {"offset": 0, "scale": 1000},   // x = (HU - offset)/scale
 *   "size_multiple": 8,                   // H and W must be multiples of this
 *   "noise": {"texture": "ct-fbp", "cutoff_min": 0.35, "cutoff_max": 0.6}   // optional; absent = white
 * }
 * </pre>
 *
 * @param format {@value #FORMAT_TORCHSCRIPT} or {@value #FORMAT_UNET}
 * @param weights weights file, relative to the sidecar's folder
 * @param prediction {@code eps}, {@code x0} or {@code v}
 * @param scheduleName e.g. {@code cosine}, {@code linear}, {@code scaled-linear}
 * @param timesteps T, the number of discrete levels
 * @param interpolation how fractional u is read between levels; only {@value #LAMBDA_LINEAR}
 * @param scheduleParameters named schedule constants (e.g. {@code s} for cosine), possibly empty
 * @param intensityOffset c in x = (value − c)/s
 * @param intensityScale s in x = (value − c)/s
 * @param sizeMultiple H and W must be multiples of this
 * @param noise the texture of the noise the prior was trained with; null = white
 */
public record ModelSpec(
        String format,
        String weights,
        String prediction,
        String scheduleName,
        int timesteps,
        String interpolation,
        Map<String, Double> scheduleParameters,
        double intensityOffset,
        double intensityScale,
        int sizeMultiple,
        NoiseTexture noise) {

    public static final String FORMAT_TORCHSCRIPT = "torchscript";
    public static final String FORMAT_UNET = "ddlm-unet";
    public static final String LAMBDA_LINEAR = "lambda-linear";
    public static final String FRACTIONAL_INDEX = "fractional-index";
    public static final String CT_FBP = "ct-fbp";
    private static final Set<String> FORMATS = Set.of(FORMAT_TORCHSCRIPT, FORMAT_UNET);
    private static final Set<String> PREDICTIONS = Set.of("eps", "x0", "v");

    public ModelSpec {
        scheduleParameters = Map.copyOf(scheduleParameters);
    }

    /** The project's CT prior declaration: ε-prediction, cosine T = 1000, x = HU/1000. */
    /** Bounds that keep a hostile model.json from allocating without limit: schedule tables and padding. */
    public static final int MAX_TIMESTEPS = 100_000;
    public static final int MAX_SIZE_MULTIPLE = 256;

    public static ModelSpec ctPrior(String format, String weights, int sizeMultiple) {
        return new ModelSpec(format, weights, "eps", "cosine", 1000, LAMBDA_LINEAR,
                Map.of("s", 0.008), 0.0, 1000.0, sizeMultiple, null);
    }

    /** Checks every field; the message names the field and the accepted values. */
    public ModelSpec validated(String source) throws ModelException {
        require(format != null && FORMATS.contains(format), source, "format",
                "'" + format + "'; use " + FORMAT_TORCHSCRIPT + " or " + FORMAT_UNET);
        require(weights != null && !weights.isBlank(), source, "weights", "missing; name the weights file");
        require(prediction != null && PREDICTIONS.contains(prediction), source, "prediction",
                "'" + prediction + "'; use eps, x0 or v");
        require(scheduleName != null && !scheduleName.isBlank(), source, "schedule.name", "missing");
        require(timesteps >= 2 && timesteps <= MAX_TIMESTEPS, source, "schedule.timesteps", timesteps
                + "; must be 2 to " + MAX_TIMESTEPS);
        require(LAMBDA_LINEAR.equals(interpolation), source, "schedule.interpolation",
                "'" + interpolation + "'; only " + LAMBDA_LINEAR + " is supported");
        require(intensityScale > 0 && Double.isFinite(intensityScale) && Double.isFinite(intensityOffset),
                source, "intensity", "scale must be positive and offset finite");
        require(sizeMultiple >= 1 && sizeMultiple <= MAX_SIZE_MULTIPLE, source, "size_multiple", sizeMultiple
                + "; must be 1 to " + MAX_SIZE_MULTIPLE);
        return this;
    }

    /** Where the weights are, given the sidecar's path. */
    public Path weightsPath(Path sidecar) {
        Path folder = sidecar.toAbsolutePath().getParent();
        return folder.resolve(weights);
    }

    /** Reads and validates a sidecar. */
    public static ModelSpec read(Path sidecar) throws ModelException {
        String text;
        try {
            text = Files.readString(sidecar, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("Cannot read model sidecar " + sidecar + ": " + e.getMessage(), e);
        }
        return parse(text, sidecar.toString());
    }

    /** Parses and validates sidecar text; {@code source} names it in messages. */
    public static ModelSpec parse(String json, String source) throws ModelException {
        try {
            JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            String timeInput = string(root, "time_input", FRACTIONAL_INDEX);
            require(FRACTIONAL_INDEX.equals(timeInput), source, "time_input",
                    "'" + timeInput + "'; the network must take the fractional schedule index u ("
                            + FRACTIONAL_INDEX + ")");
            JsonObject schedule = object(root, "schedule", source);
            JsonObject intensity = object(root, "intensity", source);
            Map<String, Double> parameters = new LinkedHashMap<>();
            if (schedule.has("parameters")) {
                for (Map.Entry<String, JsonElement> e : schedule.getAsJsonObject("parameters").entrySet()) {
                    parameters.put(e.getKey(), e.getValue().getAsDouble());
                }
            }
            return new ModelSpec(
                    lower(string(root, "format", null)),
                    string(root, "weights", null),
                    lower(string(root, "prediction", null)),
                    lower(string(schedule, "name", null)),
                    integer(schedule, "timesteps", source),
                    lower(string(schedule, "interpolation", LAMBDA_LINEAR)),
                    parameters,
                    number(intensity, "offset", source),
                    number(intensity, "scale", source),
                    root.has("size_multiple") ? root.get("size_multiple").getAsInt() : 1,
                    noise(root, source))
                    .validated(source);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new ModelException("Model sidecar " + source + " is not valid JSON of the expected form: "
                    + e.getMessage(), e);
        }
    }

    /** The sidecar text for this declaration. */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("format", format);
        root.addProperty("weights", weights);
        root.addProperty("prediction", prediction);
        root.addProperty("time_input", FRACTIONAL_INDEX);
        JsonObject schedule = new JsonObject();
        schedule.addProperty("name", scheduleName);
        schedule.addProperty("timesteps", timesteps);
        schedule.addProperty("interpolation", interpolation);
        JsonObject parameters = new JsonObject();
        new java.util.TreeMap<>(scheduleParameters).forEach(parameters::addProperty);
        schedule.add("parameters", parameters);
        root.add("schedule", schedule);
        JsonObject intensity = new JsonObject();
        intensity.addProperty("offset", intensityOffset);
        intensity.addProperty("scale", intensityScale);
        root.add("intensity", intensity);
        root.addProperty("size_multiple", sizeMultiple);
        if (noise != null) {
            JsonObject n = new JsonObject();
            n.addProperty("texture", CT_FBP);
            n.addProperty("cutoff_min", noise.cutoffMin());
            n.addProperty("cutoff_max", noise.cutoffMax());
            root.add("noise", n);
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        return gson.toJson(root) + "\n";
    }

    /** Writes {@link #toJson()} to {@code sidecar}. */
    public void write(Path sidecar) throws ModelException {
        try {
            Files.writeString(sidecar, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("Cannot write model sidecar " + sidecar + ": " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String source, String field, String problem) throws ModelException {
        if (!ok) {
            throw new ModelException("Model sidecar " + source + ": field '" + field + "' is " + problem + ".");
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String string(JsonObject o, String key, String fallback) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : fallback;
    }

    private static JsonObject object(JsonObject o, String key, String source) throws ModelException {
        require(o.has(key) && o.get(key).isJsonObject(), source, key, "missing or not an object");
        return o.getAsJsonObject(key);
    }

    private static int integer(JsonObject o, String key, String source) throws ModelException {
        require(o.has(key), source, key, "missing");
        double value = o.get(key).getAsDouble();
        require(value == Math.rint(value), source, key, value + "; must be a whole number");
        return (int) value;
    }

    /** The optional "noise" object: absent or texture "white" = white noise; "ct-fbp" with its cutoffs. */
    private static NoiseTexture noise(JsonObject root, String source) throws ModelException {
        if (!root.has("noise") || root.get("noise").isJsonNull()) {
            return null;
        }
        JsonObject n = object(root, "noise", source);
        String texture = lower(string(n, "texture", "white"));
        if ("white".equals(texture)) {
            return null;
        }
        require(CT_FBP.equals(texture), source, "noise.texture", "'" + texture + "'; use white or " + CT_FBP);
        require(n.has("cutoff_min") && n.has("cutoff_max"), source, "noise", "missing cutoff_min/cutoff_max");
        try {
            return new NoiseTexture(n.get("cutoff_min").getAsDouble(), n.get("cutoff_max").getAsDouble());
        } catch (IllegalArgumentException e) {
            throw new ModelException("Model sidecar " + source + ": field 'noise' is invalid: " + e.getMessage(), e);
        }
    }

    private static double number(JsonObject o, String key, String source) throws ModelException {
        require(o.has(key), source, "intensity." + key, "missing");
        return o.get(key).getAsDouble();
    }
}
