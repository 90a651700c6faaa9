package org.ddlm.plugin.fiji;

import ij.WindowManager;
import ij.gui.GenericDialog;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.JEditorPane;

/**
 * Runs Plugins > LDCT Diffusion > Denoise (DDLM)... in the real AWT GUI (a display is needed) as a person would: the
 * main dialog shows (its fields printed with the prefix "main", a screenshot saved), Help opens the documentation
 * (its text's headings printed, a screenshot, closed), "Advanced settings" is ticked and OK pressed, the advanced
 * dialog shows (printed with the prefix "advanced", a screenshot), and Cancel is pressed there. Then it prints
 * whether the plugin returned without opening anything, and the SciJava twin's parameter names.
 * Arguments: the three PNGs to write (main, help, advanced).
 */
public final class DialogScreenshotMain {
    private DialogScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                GenericDialog main = waitFor(GenericDialog.class, w -> w.getTitle().equals(DenoisePlugin.TITLE));
                describe("main", main);
                shoot(main, args[0]);

                Button help = button(main, "Help");
                EventQueue.invokeLater(() -> main.actionPerformed(new ActionEvent(help,
                        ActionEvent.ACTION_PERFORMED, help.getLabel())));
                JDialog page = waitFor(JDialog.class, w -> w.getTitle().startsWith(DenoisePlugin.TITLE));
                JEditorPane text = find(page, JEditorPane.class);
                String html = text == null ? "" : text.getText();
                for (String heading : new String[] {"What you choose", "Preset", "Advanced settings", "Macros"}) {
                    System.out.println("help has '" + heading + "': " + html.contains(heading));
                }
                shoot(page, args[1]);
                EventQueue.invokeAndWait(page::dispose);

                Checkbox advanced = null;
                for (Checkbox c : all(main, Checkbox.class)) {
                    advanced = c; // the last checkbox
                }
                System.out.println("ticking " + advanced.getLabel());
                advanced.setState(true);
                Button ok = main.getButtons()[0];
                System.out.println("pressing " + ok.getLabel().trim());
                main.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));

                GenericDialog more = waitFor(GenericDialog.class, w -> w.getTitle().equals(DenoiseDialog.ADVANCED_TITLE));
                describe("advanced", more);
                shoot(more, args[2]);
                Button cancel = more.getButtons()[1];
                System.out.println("pressing " + cancel.getLabel());
                more.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, cancel.getLabel()));
            } catch (Throwable e) {
                e.printStackTrace();
                System.exit(3);
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        new DenoisePlugin().run("");
        System.out.println("plugin returned; images open: " + WindowManager.getImageCount());
        for (java.lang.reflect.Field f : DenoiseCommand.class.getDeclaredFields()) {
            org.scijava.plugin.Parameter p = f.getAnnotation(org.scijava.plugin.Parameter.class);
            if (p != null && p.type() == org.scijava.ItemIO.INPUT) {
                System.out.println("scijava: " + f.getName());
            }
        }
        System.exit(0);
    }

    private static void shoot(Window w, String png) throws Exception {
        Thread.sleep(700); // let the window-manager-less X server finish painting
        Rectangle r = w.getBounds();
        ImageIO.write(new Robot().createScreenCapture(r), "png", new File(png));
        System.out.println("screenshot " + new File(png).getName() + " " + r.width + "x" + r.height);
    }

    private static <T extends Window> T waitFor(Class<T> type, Predicate<T> which) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (Window w : Window.getWindows()) {
                if (type.isInstance(w) && w.isShowing() && which.test(type.cast(w))) {
                    return type.cast(w);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " appeared within 10 s");
    }

    private static Button button(Container c, String label) {
        for (Button b : all(c, Button.class)) {
            if (b.getLabel().equals(label)) {
                return b;
            }
        }
        throw new IllegalStateException("no button " + label);
    }

    private static <T> T find(Container c, Class<T> type) {
        java.util.List<T> found = all(c, type);
        return found.isEmpty() ? null : found.get(0);
    }

    private static <T> java.util.List<T> all(Container c, Class<T> type) {
        java.util.List<T> out = new java.util.ArrayList<>();
        for (Component child : c.getComponents()) {
            if (type.isInstance(child)) {
                out.add(type.cast(child));
            }
            if (child instanceof Container k) {
                out.addAll(all(k, type));
            }
        }
        return out;
    }

    private static void describe(String prefix, Container c) {
        for (Component child : c.getComponents()) {
            if (child instanceof Label l) {
                System.out.println(prefix + " label: " + l.getText());
            } else if (child instanceof TextField t) {
                System.out.println(prefix + " text: " + t.getText());
            } else if (child instanceof Choice ch) {
                System.out.println(prefix + " choice: " + ch.getSelectedItem() + " of " + ch.getItemCount());
            } else if (child instanceof Checkbox cb) {
                System.out.println(prefix + " checkbox: " + cb.getLabel() + "=" + cb.getState());
            } else if (child instanceof Button b) {
                System.out.println(prefix + " button: " + b.getLabel());
            } else if (child instanceof Container k) {
                describe(prefix, k);
            }
        }
    }
}
