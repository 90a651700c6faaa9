package org.ddlm.plugin.fiji;

import ij.Macro;

/**
 * Reads the Denoise dialogs as a macro call does, in headless ImageJ patched as Fiji is: for each argument (a macro
 * options string) prints {@code options: <DenoiseOptions>} or {@code options: cancelled}.
 */
public final class DenoiseDialogMacroMain {
    private DenoiseDialogMacroMain() {
    }

    public static void main(String[] args) {
        net.imagej.patcher.LegacyInjector.preinit();
        for (String options : args) {
            Macro.setOptions(Thread.currentThread(), options + " ");
            DenoiseOptions o = DenoiseDialog.ask(false);
            Macro.setOptions(Thread.currentThread(), null);
            System.out.println("options: " + (o == null ? "cancelled" : o));
        }
        System.out.flush();
        System.exit(0);
    }
}
