package org.ddlm.validation.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a body over index chunks on a fixed number of plain threads. Every index is processed by exactly one call, and
 * callers keep each output element's arithmetic inside one index, so results do not depend on the thread count.
 */
final class Parallel {

    /** Processes indices {@code [from, to)}. */
    interface RangeBody {
        void run(int from, int to);
    }

    private Parallel() {
    }

    static void forRange(int threads, int n, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int workers = Math.max(1, Math.min(threads, n));
        if (workers == 1) {
            body.run(0, n);
            return;
        }
        // Several chunks per thread balance uneven rows (e.g. rays that miss the image are cheap).
        int chunk = Math.max(1, (n + workers * 4 - 1) / (workers * 4));
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            try {
                int from;
                while (failure.get() == null && (from = next.getAndAdd(chunk)) < n) {
                    body.run(from, Math.min(n, from + chunk));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            Thread t = new Thread(loop, "ddlm-simulate-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        loop.run();
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
