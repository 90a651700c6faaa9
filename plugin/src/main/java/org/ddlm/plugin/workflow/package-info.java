/**
 * What the command line and the Fiji commands share, with no user interface: the user-error type, the sampler
 * registry and the typed denoise settings. Both front ends fill these from their own inputs; neither goes through
 * the other (see docs/architecture.md).
 */
package org.ddlm.plugin.workflow;
