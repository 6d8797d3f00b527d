package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * One run of a test program in a real JVM with the packaged agent recording: its events, output and errors.
 *
 * @param events Every event of the recording.
 * @param stdout What the program printed.
 * @param stderr What the program and the agent printed on stderr.
 */
record AgentRun(List<RecordedEvent> events, String stdout, String stderr) {

    /** A launch: a command prefix (e.g. taskset), JVM options, agent options after {@code record=}. */
    record Launch(List<String> prefix, List<String> jvmOptions, String agentOptions) {

        static final Launch PLAIN = new Launch(List.of(), List.of(), "");

        Launch withPrefix(String... p) {
            return new Launch(List.of(p), jvmOptions, agentOptions);
        }

        Launch withJvmOptions(String... o) {
            return new Launch(prefix, List.of(o), agentOptions);
        }

        /** More agent options, each {@code key=value}. */
        Launch withAgentOptions(String options) {
            return new Launch(prefix, jvmOptions, "," + options);
        }
    }

    /**
     * Runs a main class to its end and reads its recording.
     *
     * @param dir    Where the recording and logs go.
     * @param name   A name for the files.
     * @param launch How to launch.
     * @param main   The main class, on the test class path.
     * @param args   Its arguments.
     * @return The run.
     */
    static AgentRun run(Path dir, String name, Launch launch, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path jfr = dir.resolve(name + ".jfr");
        List<String> jvm = new ArrayList<>(launch.jvmOptions());
        jvm.add("-javaagent:" + agentJar() + "=record=" + jfr + launch.agentOptions());
        ChildJvm.Run run = ChildJvm.run(dir, name, launch.prefix(), jvm, 60, main, args);
        assertEquals(0, run.exit(), run::describe);
        return new AgentRun(RecordingFile.readAllEvents(jfr), run.out(), run.err());
    }

    /** The agent jar under test, from failsafe. */
    static String agentJar() {
        String jar = System.getProperty("pxlab.agent.jar");
        if (jar == null) throw new IllegalStateException("run through failsafe: pxlab.agent.jar is not set");
        return jar;
    }

    /** The events of one type, in recording order. */
    List<RecordedEvent> of(String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }
}
