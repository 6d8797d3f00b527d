package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaches the agent to a running JVM ({@code Agent-Class}) and checks it records the same waits as at start-up.
 */
class AttachIT {

    @TempDir
    Path dir;

    @Test
    void agentAttachedToARunningJvmRecordsLockWaits() throws Exception {
        Path jfr = dir.resolve("attached.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+EnableDynamicAgentLoading", "-cp",
                System.getProperty("java.class.path"), AttachApp.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            VirtualMachine vm = VirtualMachine.attach(Long.toString(p.pid()));
            try {
                vm.loadAgent(AgentIT.agentJar(), "record=" + jfr);
            } finally {
                vm.detach();
            }
            try (OutputStream in = p.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "app did not finish");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
        List<RecordedEvent> waits = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("pxlab.LockWait")).toList();
        RecordedEvent w = AgentIT.waitOf(waits, "waiter");
        assertEquals("holder", w.getThread("owner").getJavaName());
        assertTrue(w.getBoolean("acquired"));
    }
}
