package org.ddlm.dicom;
