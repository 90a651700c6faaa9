/**
 * Classical denoising baselines of algorithms.md §6.8 on HU float images: Gaussian filtering and
 * total-variation denoising by Chambolle's projection algorithm.
 */
package org.ddlm.validation.baseline;
