package pxlab.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import pxlab.testsupport.ChildJvm;
import pxlab.testsupport.InversionRecordings;

/**
 * The recordings the rules are tested on, made by real JVMs, loaded once per test JVM by JMC's loader, and JMC's
 * own engine to evaluate rules over them: {@link RuleRegistry} (which finds the pxlab rules through
 * META-INF/services, as in JMC) and {@link RulesToolkit#evaluateParallel}, what JfrRulesReport and the desktop run.
 */
final class Recordings {

    /** A time as JMC displays it: JMC puts a no-break space between number and unit. */
    static final String TIME = "[0-9.,]+[ \\u00a0](ns|us|\\u00b5s|ms|s|min|h)";
    /** A percentage as JMC displays it. */
    static final String PERCENT = "[0-9.,]+[ \\u00a0]%";

    private static final Map<String, IItemCollection> LOADED = new HashMap<>();

    private Recordings() {
    }

    /** Under the agent on one CPU with hogs: a preempted owner and a chain a → b → c ending in one. */
    static IItemCollection hogs() throws Exception {
        return load("hogs", InversionRecordings.hogs());
    }

    /** Under the agent: an owner sleeping under a ReentrantLock, one inside synchronized, a running owner. */
    static IItemCollection quiet() throws Exception {
        return load("quiet", InversionRecordings.quiet());
    }

    /** Without the agent (JFR's profile settings): the same sleeping and running owners, on monitors. */
    static IItemCollection jdk() throws Exception {
        return load("jdk", InversionRecordings.jdk());
    }

    private static Path calm;

    /** Under the agent, no contention at all ({@link CalmApp}). */
    static synchronized IItemCollection calm() throws Exception {
        return load("calm", calmFile());
    }

    /** The file of {@link #calm()}. */
    static synchronized Path calmFile() throws Exception {
        if (calm == null) {
            Path dir = Files.createTempDirectory("pxlab-rules");
            dir.toFile().deleteOnExit();
            calm = ChildJvm.withAgent(dir, "calm", List.of(), CalmApp.class);
        }
        return calm;
    }

    /** This JVM recording only jdk.CPUInformation: no lock event type enabled, so the rules are NA. */
    static synchronized IItemCollection noLockEvents() throws Exception {
        return load("none", noLockEventsFile());
    }

    /** The owner's and the waiter's names in {@link #hostileNames()}: markup, as any string a recording holds. */
    static final String HOSTILE_OWNER = "<b onmouseover=alert(1)>owner</b>";
    static final String HOSTILE_WAITER = "<img src=x onerror=alert(2)>";

    /**
     * This JVM recording, with the JDK's events only, a waiter blocked on a monitor whose owner sleeps inside it;
     * both threads are named with HTML markup.
     */
    static synchronized IItemCollection hostileNames() throws Exception {
        return load("hostile", sleepingOwnerFile("hostile", HOSTILE_OWNER, HOSTILE_WAITER));
    }

    /**
     * Names that break JSON and XML written by hand, and a terminal: a quote, a backslash, a line break, control
     * characters (one that XML 1.0 cannot carry, a terminal escape sequence, a C1 control), a CDATA end and an
     * entity.
     */
    static final String AWKWARD_OWNER = "q\"uote \\back\nline \u0001ctl \u001b[31mred ]]> &amp; \u0085nel";
    static final String AWKWARD_WAITER = "{\"json\": 1,}\t<x/>";

    /** {@link #hostileNames()}'s program with {@link #AWKWARD_OWNER} and {@link #AWKWARD_WAITER}. */
    static synchronized Path awkwardNamesFile() throws Exception {
        return sleepingOwnerFile("awkward", AWKWARD_OWNER, AWKWARD_WAITER);
    }

    private static final Map<String, Path> FILES = new HashMap<>();

    /** This JVM recording the JDK's events while a waiter blocks on a monitor whose owner sleeps inside it. */
    private static synchronized Path sleepingOwnerFile(String name, String ownerName, String waiterName)
            throws Exception {
        Path made = FILES.get(name);
        if (made != null) return made;
        Path file = Files.createTempFile("pxlab-" + name, ".jfr");
        file.toFile().deleteOnExit();
        try (Recording r = new Recording()) {
            for (String e : List.of("jdk.JavaMonitorEnter", "jdk.ThreadSleep", "jdk.ThreadStart", "jdk.ThreadEnd")) {
                r.enable(e).withThreshold(java.time.Duration.ZERO);
            }
            r.enable("jdk.ActiveSetting");
            r.start();
            Object monitor = new Object();
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            Thread owner = new Thread(() -> {
                synchronized (monitor) {
                    held.countDown();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, ownerName);
            owner.start();
            held.await();
            Thread waiter = new Thread(() -> {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }, waiterName);
            waiter.start();
            waiter.join();
            owner.join();
            r.stop();
            r.dump(file);
        }
        FILES.put(name, file);
        return file;
    }

    /** {@link #noLockEvents()}'s file. */
    static synchronized Path noLockEventsFile() throws Exception {
        Path made = FILES.get("none");
        if (made != null) return made;
        Path file = Files.createTempFile("pxlab-none", ".jfr");
        file.toFile().deleteOnExit();
        try (Recording r = new Recording()) {
            r.enable("jdk.CPUInformation");
            r.enable("jdk.ActiveSetting");   // the settings say the lock events were off
            r.start();
            Thread.sleep(50);
            r.stop();
            r.dump(file);
        }
        FILES.put("none", file);
        return file;
    }

    private static Path virtualThreads;

    /**
     * This JVM recording the JDK's thread and lock events while virtual threads contend for a ReentrantLock whose
     * owner sleeps holding it, beside a platform thread doing the same: JDK 21 or later.
     *
     * @return The file.
     */
    static synchronized Path virtualThreadsFile() throws Exception {
        if (virtualThreads != null) return virtualThreads;
        Path file = Files.createTempFile("pxlab-virtual", ".jfr");
        file.toFile().deleteOnExit();
        try (Recording r = new Recording()) {
            for (String e : List.of("jdk.ThreadPark", "jdk.ThreadSleep", "jdk.JavaMonitorEnter", "jdk.ThreadStart",
                    "jdk.ThreadEnd", "jdk.VirtualThreadPinned", "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd")) {
                r.enable(e).withThreshold(java.time.Duration.ZERO);
            }
            r.enable("jdk.CPUInformation");
            r.start();
            java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
            Runnable work = () -> {
                lock.lock();
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.unlock();
                }
            };
            // Thread.ofVirtual() is JDK 21 API; this module compiles for 17.
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder");
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Object named = ofVirtual.getMethod("name", String.class).invoke(builder, "virtual-" + i);
                threads.add((Thread) ofVirtual.getMethod("start", Runnable.class).invoke(named, work));
            }
            Thread platform = new Thread(work, "platform-0");
            platform.start();
            threads.add(platform);
            for (Thread t : threads) t.join();
            r.stop();
            r.dump(file);
        }
        virtualThreads = file;
        return file;
    }

    private static synchronized IItemCollection load(String name, Path file) throws Exception {
        IItemCollection items = LOADED.get(name);
        if (items == null) {
            items = JfrLoaderToolkit.loadEvents(file.toFile());
            LOADED.put(name, items);
        }
        return items;
    }

    /**
     * Evaluates every registered rule, JMC's and pxlab's, as JMC's reports do.
     *
     * @param items The recording.
     * @param prefs Preferences, or {@code null} for the defaults.
     * @return The results by rule id.
     */
    static Map<String, IResult> evaluate(IItemCollection items, IPreferenceValueProvider prefs) throws Exception {
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(RuleRegistry.getRules(), items, prefs, 0);
        Map<String, IResult> out = new HashMap<>();
        for (Map.Entry<IRule, Future<IResult>> e : futures.entrySet()) out.put(e.getKey().getId(), e.getValue().get());
        return out;
    }

    /** Evaluates with defaults and returns one rule's result. */
    static IResult result(IItemCollection items, String ruleId) throws Exception {
        return evaluate(items, null).get(ruleId);
    }

    /** Evaluates one rule alone with one preference changed. */
    static <T> IResult resultWith(IItemCollection items, IRule rule, TypedPreference<T> pref, T value)
            throws Exception {
        IPreferenceValueProvider prefs = new IPreferenceValueProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <U> U getPreferenceValue(TypedPreference<U> p) {
                return p.equals(pref) ? (U) value : p.getDefaultValue();
            }
        };
        var f = rule.createEvaluation(items, prefs, null);
        f.run();
        return f.get();
    }

    /**
     * What a rule says when its minimum wait is above every wait (JMC puts a no-break space between number and unit).
     */
    static final String NONE_OF_AN_HOUR =
            "No lock waits were recorded. Only lock waits of at least 1\u00a0h are counted.";

    /** Evaluates one rule alone with a minimum wait of an hour: above every wait in the test recordings. */
    static IResult resultWithMinWaitOfAnHour(IItemCollection items, IRule rule) throws Exception {
        return resultWith(items, rule, PxlabRule.MIN_WAIT, UnitLookup.SECOND.quantity(3600));
    }

    /** The summary as the user reads it, placeholders filled in. */
    static String summary(IResult r) {
        return ResultToolkit.populateMessage(r, r.getSummary(), false);
    }

    /** The explanation as the user reads it. */
    static String explanation(IResult r) {
        return ResultToolkit.populateMessage(r, r.getExplanation(), false);
    }
}
