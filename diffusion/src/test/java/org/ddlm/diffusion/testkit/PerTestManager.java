package org.ddlm.diffusion.testkit;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base for tests that build arrays in a fresh NDManager per test, closed after it so no native memory leaks between tests. */
public abstract class PerTestManager {

    protected NDManager manager;

    @BeforeEach
    protected void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    protected void closeManager() {
        manager.close();
    }
}
