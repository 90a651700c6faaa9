package org.ddlm.diffusion.train;

/** A float32 array copied to the host, with the parameter name it belongs to. */
public record NamedTensor(String name, long[] shape, float[] values) {
}
