package org.ddlm.diffusion.model;

/** What a network predicts at (x_t, t): the noise ε, the clean image x0, or v = αε − σx0. */
public enum Prediction {
    EPS,
    X0,
    V
}
