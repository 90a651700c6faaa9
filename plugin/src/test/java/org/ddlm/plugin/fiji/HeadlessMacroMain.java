package org.ddlm.plugin.fiji;

import ij.IJ;

/**
 * Runs one macro file in headless ImageJ patched by ij1-patcher, as Fiji's {@code --headless -macro} does.
 * Exit code 0: the macro ran to its end; 2: it aborted (an error dialog in a plugin or {@code exit} with a message).
 */
public final class HeadlessMacroMain {
    private HeadlessMacroMain() {
    }

    public static void main(String[] args) {
        // Must run before any ij.* class loads: swaps in the headless GenericDialog and Fiji's extensions.
        net.imagej.patcher.LegacyInjector.preinit();
        String result = IJ.runMacroFile(args[0], args.length > 1 ? args[1] : "");
        System.out.println("macro result: " + result);
        System.out.flush();
        System.exit("[aborted]".equals(result) ? 2 : 0);
    }
}
