package pxlab.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A quick pass over a class file that tells whether it has anything for {@link MonitorRewrite}: a
 * {@code synchronized} method, a {@code monitorenter}, or an {@code Object.wait} call. Most classes have none and
 * are never parsed into a tree.
 */
final class MonitorScan extends ClassVisitor {

    private boolean found;
    private boolean staticSynchronized;

    private MonitorScan() {
        super(Opcodes.ASM9);
    }

    /**
     * Scans a class file.
     *
     * @param bytes The class file.
     * @return The scan, or {@code null} when the class does not use monitors.
     */
    static MonitorScan of(byte[] bytes) {
        MonitorScan scan = new MonitorScan();
        new ClassReader(bytes).accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return scan.found ? scan : null;
    }

    /**
     * Tells whether the class has a static synchronized method with code. Wrapping one needs a new local variable,
     * so every stack map frame of the method must be rewritten, which is easiest on expanded frames.
     *
     * @return {@code true} when the class should be read with expanded frames.
     */
    boolean hasStaticSynchronized() {
        return staticSynchronized;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            found = true;
            int noCode = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE;
            if ((access & Opcodes.ACC_STATIC) != 0 && (access & noCode) == 0) staticSynchronized = true;
            return null;
        }
        if (found) return null;
        return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER) found = true;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                if (MonitorRewrite.isObjectWait(opcode, method, desc)) found = true;
            }
        };
    }
}
