package pxlab.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import pxlab.agent.ClassFilter;

/**
 * Instruments {@code synchronized} blocks and methods, and {@code Object.wait} calls, in application classes (see
 * {@link MonitorRewrite} for what each rewrite inserts). A plain {@link ClassFileTransformer} rather than a Byte Buddy
 * {@code Advice}: the hooks sit between bytecodes inside a method, which advice cannot place, and turning a
 * {@code synchronized} method into a block changes its modifiers, which only a class's first definition allows.
 *
 * <p><b>Note</b>: a class that cannot be rewritten (too large, malformed) is left as it was; the transformer never
 * throws.
 */
public final class MonitorInstrumentation implements ClassFileTransformer {

    private static final int MAX_REPORTED = 5;

    private final ClassFilter filter;
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * Creates the transformer.
     *
     * @param filter Which classes to instrument.
     */
    public MonitorInstrumentation(ClassFilter filter) {
        this.filter = filter;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (loader == null || loader == ClassLoader.getPlatformClassLoader() || internalName == null) return null;
        String name = internalName.replace('/', '.');
        if (!filter.matches(name)) return null;
        try {
            MonitorScan scan = MonitorScan.of(bytes);
            if (scan == null) return null;
            // A retransformation may not change modifiers, so synchronized methods stay as they are then.
            boolean firstDefinition = classBeingRedefined == null;
            ClassNode type = new ClassNode();
            boolean expand = firstDefinition && scan.hasStaticSynchronized();
            new ClassReader(bytes).accept(type, expand ? ClassReader.EXPAND_FRAMES : 0);
            boolean changed = false;
            for (MethodNode method : type.methods) {
                changed |= new MonitorRewrite(type, method, firstDefinition, expand).apply();
            }
            if (!changed) return null;
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            type.accept(writer);
            return writer.toByteArray();
        } catch (Throwable t) {
            if (failures.incrementAndGet() <= MAX_REPORTED) {
                System.err.println("pxlab agent: monitors in " + name + " left uninstrumented (" + t + ")");
            }
            return null;
        }
    }
}
