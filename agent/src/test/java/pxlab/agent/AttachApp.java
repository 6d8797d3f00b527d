package pxlab.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * A program for the attach test: prints {@code ready}, waits for a line on standard input (the test attaches the
 * agent meanwhile), then runs {@link ContendedApp}.
 */
public final class AttachApp {

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        ContendedApp.main(args);
    }
}
