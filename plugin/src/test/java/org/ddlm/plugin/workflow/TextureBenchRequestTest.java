package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texture benchmark's options are checked when the request is built, before any series is read. */
class TextureBenchRequestTest {
    private static String refusal(TextureBenchRequest.Builder b) {
        return assertThrows(UserException.class, b::build).getMessage();
    }

    @Test
    void eachBadOptionIsNamed() {
        Path out = Path.of("unused");
        assertEquals("--slices must be at least 1, got 0", refusal(TextureBenchRequest.builder(out).slices(0)));
        assertEquals("--time-factor must be a positive number, got -1.0",
                refusal(TextureBenchRequest.builder(out).timeFactor(-1.0)));
        assertEquals("unknown geometry 'cone'; use fan or parallel",
                refusal(TextureBenchRequest.builder(out).geometries(List.of("cone"))));
    }
}
