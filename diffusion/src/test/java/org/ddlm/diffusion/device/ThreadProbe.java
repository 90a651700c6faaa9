package org.ddlm.diffusion.device;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.ddlm.diffusion.model.ModelException;

/**
 * Run in a fresh JVM by {@link TorchRuntimeTest}: the engine reads its thread properties once per
 * process, so each scenario needs a process of its own. Prints {@code key=value} lines.
 */
public final class ThreadProbe {

    private ThreadProbe() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "plain" -> { // thread properties (if any) come from the command line
                Engine.getEngine("PyTorch");
                print("started");
            }
            case "api" -> {
                ThreadCounts reported = TorchRuntime.start(
                        new ThreadCounts(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
                System.out.println("reported=" + reported.intraOp() + "," + reported.interOp());
                print("started");
            }
            case "late" -> {
                Engine.getEngine("PyTorch");
                print("started");
                int wanted = JniUtils.getNumThreads() + 1;
                System.setProperty(TorchRuntime.INTRA_OP_PROPERTY, Integer.toString(wanted));
                Engine.getEngine("PyTorch");
                print("propertyAfterStart");
                TorchRuntime.start(new ThreadCounts(wanted, JniUtils.getNumInteropThreads()));
                print("apiAfterStart");
                try {
                    TorchRuntime.start(new ThreadCounts(wanted, JniUtils.getNumInteropThreads() + 1));
                    print("interopChanged");
                } catch (ModelException e) {
                    System.out.println("interopRefused=" + e.getMessage().replace('\n', ' '));
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void print(String label) {
        System.out.println(label + "=" + JniUtils.getNumThreads() + "," + JniUtils.getNumInteropThreads());
    }
}
