package org.ddlm.validation.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ddlm.core.HuImage;

/** Loads the committed scikit-image vectors (validation/tools/make_skimage_vectors.py). */
public final class SkimageVectors {

    private SkimageVectors() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = SkimageVectors.class.getResourceAsStream("/skimage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /skimage/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> cases() {
        Map<String, Object> doc = (Map<String, Object>) TinyJson.parse(
                new String(resource("vectors.json"), StandardCharsets.UTF_8));
        return (List<Map<String, Object>>) doc.get("cases");
    }

    /** A little-endian float32 image (the metrics widen it to double exactly as the script did). */
    public static HuImage image(Map<String, Object> c, String key) {
        List<?> shape = (List<?>) c.get("shape");
        int rows = ((Number) shape.get(0)).intValue();
        int cols = ((Number) shape.get(1)).intValue();
        ByteBuffer b = ByteBuffer.wrap(resource((String) c.get(key))).order(ByteOrder.LITTLE_ENDIAN);
        float[] px = new float[rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = b.getFloat();
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException(c.get(key) + " is larger than " + rows + "x" + cols);
        }
        return new HuImage(cols, rows, px);
    }

    public static boolean[] mask(Map<String, Object> c) {
        byte[] raw = resource((String) c.get("mask_file"));
        boolean[] m = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            m[i] = raw[i] != 0;
        }
        return m;
    }
}
