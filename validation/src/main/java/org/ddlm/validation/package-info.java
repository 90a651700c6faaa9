package org.ddlm.validation;
