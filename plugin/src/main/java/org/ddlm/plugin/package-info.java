package org.ddlm.plugin;
