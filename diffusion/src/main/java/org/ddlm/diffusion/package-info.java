package org.ddlm.diffusion;
