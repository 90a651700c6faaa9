package org.ddlm.plugin.fiji;

import ij.gui.GenericDialog;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;

/** The dialog choice between the current image and a folder, and optional path fields. */
final class Inputs {
    static final String CURRENT = "current image";
    static final String FOLDER = "folder";
    private static final String[] CHOICES = {CURRENT, FOLDER};

    private Inputs() {
    }

    /** The current-image-or-folder choice; it starts on the current image when one is open. */
    static void addInputChoice(GenericDialog gd, String label, boolean imageOpen) {
        gd.addChoice(label, CHOICES, imageOpen ? CURRENT : FOLDER);
    }

    /**
     * A folder field: with a Browse button in the GUI, a plain text field headless (ij1-patcher's headless dialog
     * does not record directory fields). Either way the macro key is the label's first word.
     */
    static void addFolderField(GenericDialog gd, String label, String value) {
        if (GraphicsEnvironment.isHeadless()) {
            gd.addStringField(label, value, 30);
        } else {
            gd.addDirectoryField(label, value, 30);
        }
    }

    /** An empty field means "none". */
    static Path optionalPath(String text) {
        return text == null || text.isBlank() ? null : Path.of(text.trim());
    }
}
