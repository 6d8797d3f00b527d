package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import pxlab.testsupport.InversionRecordings;

/**
 * The bundle in a real OSGi framework (Equinox) with JMC's core bundles, as the JMC desktop runs it: it must
 * resolve on its manifest alone, and its rules must load the way JMC's {@code ExtensionRuleProvider} loads them,
 * with {@link ServiceLoader} through the class loader of each bundle that extends the ruleProvider point.
 *
 * <p>Nothing here touches the test class path's copies of JMC: every JMC class is loaded from its bundle, so a
 * package the bundle uses without declaring it fails here as it would in the desktop.
 */
class OsgiBundleIT {

    private static Framework framework;
    private static Bundle pxlab;
    private static Bundle rules;
    private static Bundle flightrecorder;

    @BeforeAll
    static void boot(@TempDir Path storage) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        var ctx = framework.getBundleContext();
        List<Bundle> all = new ArrayList<>();
        for (String jar : List.of(jarOf("org.owasp.encoder.Encode"), jarOf("net.jpountz.lz4.LZ4Factory"),
                jarOf("org.openjdk.jmc.common.IMCThread"), jarOf("org.openjdk.jmc.flightrecorder.JfrLoaderToolkit"),
                jarOf("org.openjdk.jmc.flightrecorder.rules.IRule"))) {
            all.add(ctx.installBundle(new File(jar).toURI().toString()));
        }
        String bundleJar = System.getProperty("pxlab.rules.bundle");
        assertNotNull(bundleJar, "run through failsafe: pxlab.rules.bundle is not set");
        pxlab = ctx.installBundle(new File(bundleJar).toURI().toString());
        all.add(pxlab);
        assertTrue(framework.adapt(FrameworkWiring.class).resolveBundles(all), "every bundle resolves");
        for (Bundle b : all) {
            if (b.getSymbolicName().equals("org.openjdk.jmc.flightrecorder.rules")) rules = b;
            if (b.getSymbolicName().equals("org.openjdk.jmc.flightrecorder")) flightrecorder = b;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static String jarOf(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void theBundleResolvesAsASingletonRequiringJmcsBundles() {
        assertEquals(Bundle.RESOLVED, pxlab.getState());
        assertEquals("io.pxlab.rules", pxlab.getSymbolicName());
        String require = pxlab.getHeaders().get(Constants.REQUIRE_BUNDLE);
        assertTrue(require.contains("org.openjdk.jmc.flightrecorder.rules"), require);
        assertTrue(pxlab.getHeaders().get(Constants.BUNDLE_SYMBOLICNAME).contains("singleton:=true"));
    }

    @Test
    void pluginXmlExtendsTheRuleProviderPoint() throws Exception {
        try (InputStream in = pxlab.getEntry("plugin.xml").openStream()) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("point=\"org.openjdk.jmc.flightrecorder.rules.ruleProvider\""), xml);
        }
    }

    @Test
    void rulesLoadThroughTheBundleClassLoaderAndRunInsideTheFramework() throws Exception {
        // ExtensionRuleProvider: bundle.adapt(BundleWiring.class).getClassLoader(), then ServiceLoader of IRule.
        ClassLoader cl = pxlab.adapt(BundleWiring.class).getClassLoader();
        Class<?> iRule = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.IRule");
        List<Object> loaded = new ArrayList<>();
        for (Object rule : ServiceLoader.load(iRule, cl)) loaded.add(rule);
        TreeSet<String> ids = new TreeSet<>();
        for (Object rule : loaded) {
            assertSame(cl, rule.getClass().getClassLoader(), "from the bundle, not the test class path");
            ids.add((String) iRule.getMethod("getId").invoke(rule));
        }
        assertEquals(new TreeSet<>(List.of("PxlabBlockingChains", "PxlabPriorityInversion",
                "PxlabProxyExecutionBenefit", "PxlabSleepingOwner")), ids);

        // Evaluate them on a real recording with the bundles' own loader and engine.
        Object items = flightrecorder.loadClass("org.openjdk.jmc.flightrecorder.JfrLoaderToolkit")
                .getMethod("loadEvents", File.class).invoke(null, InversionRecordings.hogs().toFile());
        Class<?> toolkit = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit");
        Class<?> itemsType = rules.loadClass("org.openjdk.jmc.common.item.IItemCollection");
        Class<?> prefsType = rules.loadClass("org.openjdk.jmc.common.util.IPreferenceValueProvider");
        @SuppressWarnings("unchecked")
        Map<Object, Future<?>> futures = (Map<Object, Future<?>>) toolkit.getMethod("evaluateParallel",
                Collection.class, itemsType, prefsType, int.class).invoke(null, loaded, items, null, 1);
        Map<String, String> severities = new HashMap<>();
        var getSeverity = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.IResult").getMethod("getSeverity");
        for (Map.Entry<Object, Future<?>> e : futures.entrySet()) {
            Object severity = getSeverity.invoke(e.getValue().get());
            severities.put((String) iRule.getMethod("getId").invoke(e.getKey()), severity.toString());
        }
        assertEquals("WARNING", severities.get("PxlabPriorityInversion"), severities.toString());
        assertEquals("OK", severities.get("PxlabSleepingOwner"), severities.toString());
    }
}
