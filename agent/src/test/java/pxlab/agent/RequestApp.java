package pxlab.agent;

/**
 * A program for the agent tests: {@link #handle} is called {@code CALLS} times and sleeps {@code SLEEP_MS} each;
 * the last call throws, and the program catches it.
 */
public final class RequestApp {

    static final int CALLS = 5;
    static final long SLEEP_MS = 20;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < CALLS; i++) {
            try {
                handle(i);
            } catch (IllegalStateException expected) {
                // the last call fails on purpose
            }
        }
    }

    static void handle(int i) throws InterruptedException {
        Thread.sleep(SLEEP_MS);
        if (i == CALLS - 1) throw new IllegalStateException("failed request");
    }
}
