package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing external tool skips a test, except under CI=true where it fails it. */
class ExternalToolsTest {
    @Test
    void missingToolSkipsOrFailsUnderCi() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Class<? extends Throwable> expected = ci ? AssertionFailedError.class : TestAbortedException.class;
        Throwable t = assertThrows(expected, () -> ExternalTools.require("ddlm-no-such-tool-4711"));
        assertTrue(t.getMessage().contains("ddlm-no-such-tool-4711"), t.getMessage());
    }

    @Test
    void presentToolPasses() {
        assertDoesNotThrow(() -> ExternalTools.require("sh"));
    }
}
