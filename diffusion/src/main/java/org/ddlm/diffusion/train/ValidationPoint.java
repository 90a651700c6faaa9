package org.ddlm.diffusion.train;

/** A validation loss measured with the EMA weights after {@code step} optimiser steps. */
public record ValidationPoint(long step, double loss) {
}
