package org.ddlm.plugin.fiji;

import ij.WindowManager;
import ij.gui.GenericDialog;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Label;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Runs Plugins > LDCT Diffusion > Denoise (DDLM)... in the real AWT GUI (a display is needed): when the dialog shows,
 * prints its labels and fields, saves a screenshot of it, presses Cancel, and prints whether the plugin then returned
 * without opening anything. Argument: the PNG to write.
 */
public final class DialogScreenshotMain {
    private DialogScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                GenericDialog gd = waitForDialog();
                Thread.sleep(700); // let the window manager-less X server finish painting
                for (Component c : gd.getComponents()) {
                    describe(c);
                }
                Rectangle r = gd.getBounds();
                BufferedImage shot = new Robot().createScreenCapture(r);
                ImageIO.write(shot, "png", new File(args[0]));
                System.out.println("screenshot " + r.width + "x" + r.height);
                Button cancel = gd.getButtons()[1];
                System.out.println("pressing " + cancel.getLabel());
                gd.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, cancel.getLabel()));
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        new DenoisePlugin().run("");
        System.out.println("plugin returned; images open: " + WindowManager.getImageCount());
        // The SciJava twin's parameters, for the test to compare with the dialog.
        for (java.lang.reflect.Field f : DenoiseCommand.class.getDeclaredFields()) {
            org.scijava.plugin.Parameter p = f.getAnnotation(org.scijava.plugin.Parameter.class);
            if (p != null && p.type() == org.scijava.ItemIO.INPUT) {
                System.out.println("scijava: " + p.label());
            }
        }
        System.exit(0);
    }

    private static GenericDialog waitForDialog() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (Window w : Window.getWindows()) {
                if (w instanceof GenericDialog gd && gd.isShowing()) {
                    return gd;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the Denoise dialog did not appear within 10 s");
    }

    private static void describe(Component c) {
        if (c instanceof Label l) {
            System.out.println("label: " + l.getText());
        } else if (c instanceof TextField t) {
            System.out.println("text: " + t.getText());
        } else if (c instanceof Choice ch) {
            System.out.println("choice: " + ch.getSelectedItem() + " of " + ch.getItemCount());
        } else if (c instanceof Checkbox cb) {
            System.out.println("checkbox: " + cb.getLabel() + "=" + cb.getState());
        } else if (c instanceof java.awt.Container k) {
            for (Component child : k.getComponents()) {
                describe(child);
            }
        }
    }
}
