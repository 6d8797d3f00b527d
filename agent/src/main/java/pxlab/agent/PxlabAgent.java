package pxlab.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;
import pxlab.agent.instrument.AqsInstrumentation;
import pxlab.agent.instrument.MonitorInstrumentation;
import pxlab.agent.instrument.RequestInstrumentation;
import pxlab.agent.instrument.StampedLockInstrumentation;

/**
 * The {@code -javaagent} entry point. Puts the probe on the bootstrap class path, installs the lock
 * instrumentation and, with {@code record=FILE}, starts a recording dumped at exit.
 *
 * <p><b>Note</b>: nothing here may touch {@code pxlab.agent.bootstrap} before {@link #appendBootstrap} ran, or the
 * application class loader would define a second copy of the probe.
 */
public final class PxlabAgent {

    private static final String BOOTSTRAP_PACKAGE = "pxlab/agent/bootstrap/";
    /** Initialized at start-up, so that no hook loads a class in the middle of an application's lock operation. */
    private static final String[] PRELOAD = {"MarkWord", "LockWaitEvent", "LockHoldEvent", "Holds", "LockProbe",
            "MonitorSlot", "MonitorOwners", "MonitorProbe", "HeldMonitors", "ProcFile", "SchedStat", "ThreadIds", "ThreadStat",
            "ThreadSched", "ThreadSched$Task", "ThreadSched$Weight", "ThreadSchedEvent", "Procfs"};

    private PxlabAgent() {
    }

    /**
     * Starts the agent before {@code main}.
     *
     * @param args The option string.
     * @param inst The instrumentation.
     */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /**
     * Starts the agent in a running JVM.
     *
     * @param args The option string.
     * @param inst The instrumentation.
     */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pxlab agent: " + e.getMessage() + "; agent disabled");
            return;
        }
        try {
            appendBootstrap(inst);
            openInternals(inst);
            for (String name : PRELOAD) Class.forName("pxlab.agent.bootstrap." + name, true, null);
            pxlab.agent.bootstrap.LockProbe.init(ownerHandle(inst));
            pxlab.agent.bootstrap.ThreadSched.warmUp();
            AgentBuilder builder = new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                    .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
                    .ignore(ElementMatchers.nameStartsWith("pxlab.agent.bootstrap.")
                            .or(ElementMatchers.nameStartsWith("pxlab.agent.instrument."))
                            .or(ElementMatchers.nameStartsWith("pxlab.agent.shaded."))
                            .or(ElementMatchers.named(PxlabAgent.class.getName()))
                            .or(ElementMatchers.named(AgentOptions.class.getName()))
                            .or(ElementMatchers.nameStartsWith("jdk.jfr.")));
            builder = StampedLockInstrumentation.on(AqsInstrumentation.on(builder));
            RequestInstrumentation.on(builder, options.requests()).installOn(inst);
            instrumentMonitors(inst, options.monitors());
            jdk.jfr.FlightRecorder.addPeriodicEvent(pxlab.agent.bootstrap.ThreadCpuEvent.class,
                    new pxlab.agent.bootstrap.ThreadCpu());
            if (options.record() != null) startRecording(options);
        } catch (Throwable t) {
            System.err.println("pxlab agent: failed to start (" + t + "); agent disabled");
        }
    }

    /** Copies the probe's classes into a jar of their own and appends it to the bootstrap class path. */
    private static void appendBootstrap(Instrumentation inst) throws IOException {
        Path agentJar;
        try {
            agentJar = Path.of(PxlabAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path boot = Files.createTempFile("pxlab-bootstrap", ".jar");
        boot.toFile().deleteOnExit();
        try (JarFile in = new JarFile(agentJar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(boot))) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().startsWith(BOOTSTRAP_PACKAGE)) continue;
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream is = in.getInputStream(entry)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(boot.toFile()));
    }

    /**
     * Exports {@code jdk.internal.misc} to the probe, which reads monitors' lock bits with its {@code Unsafe}
     * ({@code MarkWord}). Must run before that class is initialized.
     */
    private static void openInternals(Instrumentation inst) {
        try {
            Module probe = Class.forName("pxlab.agent.bootstrap.MarkWord", false, null).getModule();
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(probe)),
                    Map.of(), Set.of(), Map.of());
        } catch (ClassNotFoundException | RuntimeException e) {
            System.err.println("pxlab agent: monitors will not be instrumented (" + e + ")");
        }
    }

    /**
     * Installs the monitor rewrite for classes loaded from now on, and retransforms matching classes already loaded
     * (those keep their synchronized methods as they are: a retransformation may not change modifiers).
     */
    private static void instrumentMonitors(Instrumentation inst, ClassFilter filter) {
        if (!pxlab.agent.bootstrap.MarkWord.AVAILABLE) return;
        pxlab.agent.bootstrap.MonitorProbe.start();
        inst.addTransformer(new MonitorInstrumentation(filter), true);
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader == null || loader == ClassLoader.getPlatformClassLoader() || !inst.isModifiableClass(c)
                    || c.isArray() || c.isHidden() || !filter.matches(c.getName())) continue;
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {   // e.g. a class that fails verification when reloaded: leave it
                System.err.println("pxlab agent: " + c.getName() + " left uninstrumented (" + t + ")");
            }
        }
    }

    /** Opens java.util.concurrent.locks to the agent and returns a handle on the exclusive owner field. */
    private static VarHandle ownerHandle(Instrumentation inst) {
        try {
            Module base = Object.class.getModule();
            inst.redefineModule(base, Set.of(), Map.of(),
                    Map.of("java.util.concurrent.locks", Set.of(PxlabAgent.class.getModule())), Set.of(), Map.of());
            Class<?> aos = java.util.concurrent.locks.AbstractOwnableSynchronizer.class;
            return MethodHandles.privateLookupIn(aos, MethodHandles.lookup())
                    .findVarHandle(aos, "exclusiveOwnerThread", Thread.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("pxlab agent: lock owners will not be recorded (" + e + ")");
            return null;
        }
    }

    /**
     * Starts a recording with the shipped {@code pxlab.jfc} (pxlab events plus the jdk.* events the analyzer
     * reads), written to the {@code record} file at exit.
     */
    private static void startRecording(AgentOptions options) throws IOException, java.text.ParseException {
        Configuration settings;
        try (InputStream in = PxlabAgent.class.getResourceAsStream("/pxlab/agent/pxlab.jfc")) {
            if (in == null) throw new IOException("pxlab.jfc is missing from the agent jar");
            settings = Configuration.create(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Recording r = new Recording(settings);
        r.setName("pxlab");
        r.enable("pxlab.LockWait").withThreshold(options.threshold());
        r.enable("pxlab.LockHold").withThreshold(options.threshold());
        r.enable("pxlab.ThreadCpu").withPeriod(options.period());
        r.setToDisk(true);
        r.setDumpOnExit(true);
        r.setDestination(options.record());
        r.start();
    }
}
